#include "engine/query/execute/aggregator.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "engine/common/error.h"
#include "engine/query/execute/evaluator.h"
#include "engine/query/execute/functions.h"

namespace kgraph::query {

namespace {

class CountAgg : public Aggregator {
public:
    explicit CountAgg(bool star) : star_(star) {}
    void add(const Value& v) override {
        if (star_ || !v.isNull()) ++n_;
    }
    void addRepeated(const Value& v, int64_t n) override {
        if (star_ || !v.isNull()) n_ += n;
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

// stDev (sample) and stDevP (population), by Welford's method.
class StDevAgg : public Aggregator {
public:
    explicit StDevAgg(bool population) : population_(population) {}
    void add(const Value& v) override {
        if (v.isNull()) return;
        if (!v.isNumber()) typeError(population_ ? "stDevP()" : "stDev()", "a Number", v);
        ++n_;
        double x = v.asNumber();
        double d = x - mean_;
        mean_ += d / static_cast<double>(n_);
        m2_ += d * (x - mean_);
    }
    Value result() const override {
        int64_t div = population_ ? n_ : n_ - 1;
        if (div <= 0) return Value(0.0);
        return Value(std::sqrt(m2_ / static_cast<double>(div)));
    }

private:
    bool population_;
    int64_t n_ = 0;
    double mean_ = 0;
    double m2_ = 0;
};

class PercentileAgg : public Aggregator {
public:
    explicit PercentileAgg(bool continuous) : continuous_(continuous) {}
    void setArgument(const Value& p) override {
        if (!p.isNumber() || p.asNumber() < 0 || p.asNumber() > 1) {
            throw Error(std::string("argument error: ") +
                        (continuous_ ? "percentileCont()" : "percentileDisc()") +
                        " expects a percentile between 0.0 and 1.0, got " + formatValue(p));
        }
        p_ = p.asNumber();
    }
    void add(const Value& v) override {
        if (v.isNull()) return;
        if (!v.isNumber()) {
            typeError(continuous_ ? "percentileCont()" : "percentileDisc()", "a Number", v);
        }
        values_.push_back(v);
    }
    Value result() const override {
        if (values_.empty()) return Value();
        std::vector<Value> sorted = values_;
        std::sort(sorted.begin(), sorted.end(),
                  [](const Value& a, const Value& b) { return a.asNumber() < b.asNumber(); });
        size_t n = sorted.size();
        if (continuous_) {
            double idx = p_ * static_cast<double>(n - 1);
            size_t lo = static_cast<size_t>(std::floor(idx));
            size_t hi = static_cast<size_t>(std::ceil(idx));
            double a = sorted[lo].asNumber();
            double b = sorted[hi].asNumber();
            return Value(a + (b - a) * (idx - static_cast<double>(lo)));
        }
        // The nearest value at or above the percentile (as Neo4j rounds).
        if (p_ >= 1.0 || n == 1) return sorted.back();
        double f = p_ * static_cast<double>(n);
        size_t idx = static_cast<size_t>(f);
        if (static_cast<double>(idx) == f && idx > 0) --idx;
        return sorted[std::min(idx, n - 1)];
    }

private:
    bool continuous_;
    double p_ = 0;
    std::vector<Value> values_;
};

class DistinctAgg : public Aggregator {
public:
    explicit DistinctAgg(std::unique_ptr<Aggregator> inner) : inner_(std::move(inner)) {}
    void add(const Value& v) override {
        if (v.isNull()) return;
        if (seen_.insert(groupKey(v)).second) inner_->add(v);
    }
    void addRepeated(const Value& v, int64_t n) override {
        if (n > 0) add(v);
    }
    void setArgument(const Value& v) override { inner_->setArgument(v); }
    Value result() const override { return inner_->result(); }

private:
    std::unique_ptr<Aggregator> inner_;
    std::unordered_set<std::string> seen_;
};

}  // namespace

std::unique_ptr<Aggregator> makeCount() { return std::make_unique<CountAgg>(false); }
std::unique_ptr<Aggregator> makeSum() { return std::make_unique<SumAgg>(false); }
std::unique_ptr<Aggregator> makeAvg() { return std::make_unique<SumAgg>(true); }
std::unique_ptr<Aggregator> makeMin() { return std::make_unique<MinMaxAgg>(false); }
std::unique_ptr<Aggregator> makeMax() { return std::make_unique<MinMaxAgg>(true); }
std::unique_ptr<Aggregator> makeCollect() { return std::make_unique<CollectAgg>(); }
std::unique_ptr<Aggregator> makeStDev() { return std::make_unique<StDevAgg>(false); }
std::unique_ptr<Aggregator> makeStDevP() { return std::make_unique<StDevAgg>(true); }
std::unique_ptr<Aggregator> makePercentileDisc() { return std::make_unique<PercentileAgg>(false); }
std::unique_ptr<Aggregator> makePercentileCont() { return std::make_unique<PercentileAgg>(true); }

std::unique_ptr<Aggregator> makeAggregator(const ast::Expr& call, bool countsRows) {
    std::unique_ptr<Aggregator> a;
    if (countsRows || call.kind == ast::ExprKind::CountStar) {
        a = std::make_unique<CountAgg>(true);
    } else if (call.function && call.function->aggregate()) {
        a = call.function->makeAggregator();
    } else {
        throw Error("not an aggregate: " + call.text, Error::Kind::Internal);
    }
    if (call.distinct) a = std::make_unique<DistinctAgg>(std::move(a));
    return a;
}

}  // namespace kgraph::query
