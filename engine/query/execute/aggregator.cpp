#include "engine/query/execute/aggregator.h"

#include <cmath>
#include <unordered_set>

#include "engine/common/error.h"
#include "engine/query/execute/evaluator.h"

namespace kgraph::query {

namespace {

class CountAgg : public Aggregator {
public:
    explicit CountAgg(bool star) : star_(star) {}
    void add(const Value& v) override {
        if (star_ || !v.isNull()) ++n_;
    }
    Value result() const override { return Value(n_); }

private:
    bool star_;
    int64_t n_ = 0;
};

class SumAgg : public Aggregator {
public:
    explicit SumAgg(bool avg) : avg_(avg) {}
    void add(const Value& v) override {
        if (v.isNull()) return;
        if (!v.isNumber()) typeError(avg_ ? "avg()" : "sum()", "a Number", v);
        ++n_;
        if (v.isInt() && !isFloat_) {
            if (__builtin_add_overflow(isum_, v.asInt(), &isum_)) {
                throw Error("arithmetic error: integer overflow in sum()");
            }
        } else {
            if (!isFloat_) {
                fsum_ = static_cast<double>(isum_);
                isFloat_ = true;
            }
            fsum_ += v.asNumber();
        }
    }
    Value result() const override {
        if (avg_) {
            if (n_ == 0) return Value();
            double total = isFloat_ ? fsum_ : static_cast<double>(isum_);
            return Value(total / static_cast<double>(n_));
        }
        return isFloat_ ? Value(fsum_) : Value(isum_);
    }

private:
    bool avg_;
    int64_t n_ = 0;
    int64_t isum_ = 0;
    double fsum_ = 0;
    bool isFloat_ = false;
};

class MinMaxAgg : public Aggregator {
public:
    explicit MinMaxAgg(bool max) : max_(max) {}
    void add(const Value& v) override {
        if (v.isNull()) return;
        if (best_.isNull()) {
            best_ = v;
            return;
        }
        int c = compareOrder(v, best_);
        if (max_ ? c > 0 : c < 0) best_ = v;
    }
    Value result() const override { return best_; }

private:
    bool max_;
    Value best_;
};

class CollectAgg : public Aggregator {
public:
    void add(const Value& v) override {
        if (!v.isNull()) items_.push_back(v);
    }
    Value result() const override { return Value(items_); }

private:
    ValueList items_;
};

class DistinctAgg : public Aggregator {
public:
    explicit DistinctAgg(std::unique_ptr<Aggregator> inner) : inner_(std::move(inner)) {}
    void add(const Value& v) override {
        if (v.isNull()) return;
        if (seen_.insert(groupKey(v)).second) inner_->add(v);
    }
    Value result() const override { return inner_->result(); }

private:
    std::unique_ptr<Aggregator> inner_;
    std::unordered_set<std::string> seen_;
};

}  // namespace

std::unique_ptr<Aggregator> makeAggregator(const std::string& name, bool distinct, bool countStar) {
    std::unique_ptr<Aggregator> a;
    if (name == "count") {
        a = std::make_unique<CountAgg>(countStar);
    } else if (name == "sum" || name == "avg") {
        a = std::make_unique<SumAgg>(name == "avg");
    } else if (name == "min" || name == "max") {
        a = std::make_unique<MinMaxAgg>(name == "max");
    } else if (name == "collect") {
        a = std::make_unique<CollectAgg>();
    } else {
        throw Error("unknown aggregate: " + name, Error::Kind::Internal);
    }
    if (distinct) a = std::make_unique<DistinctAgg>(std::move(a));
    return a;
}

}  // namespace kgraph::query
