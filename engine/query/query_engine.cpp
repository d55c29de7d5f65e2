// The whole path of a statement in a few lines: parse -> bind -> plan -> execute.
#include "engine/query/query_engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "engine/common/error.h"
#include "engine/query/bind/binder.h"
#include "engine/query/execute/evaluator.h"
#include "engine/query/execute/update.h"
#include "engine/query/parse/parser.h"
#include "engine/query/plan/planner.h"

namespace kgraph::query {

namespace {

// Runs one bound statement on `view`; rows go to `sink` (materialised).
void execute(Plan& plan, storage::GraphView& view, storage::WriteTxn* write, const Params& params,
             const EngineOptions& options, bool profile, QueryResult& result, const RowSink& sink) {
    ExecContext ctx;
    ctx.view = &view;
    ctx.write = write;
    ctx.params = &params;
    ctx.patternSubplans = &plan.patternSubplans;
    ctx.counters = &result.counters;
    ctx.slotCount = plan.slotCount;
    ctx.profiling = profile;
    ctx.expansionLimit = options.expansionLimit;
    ctx.cancel = options.cancel;
    // A time limit: a watchdog raises a flag of its own at the deadline and forwards the
    // caller's Ctrl-C flag, so every place that polls `cancel` honours both.
    std::atomic<bool> stop{false}, timedOut{false};
    std::mutex mu;
    std::condition_variable wake;
    bool finished = false;
    std::thread watchdog;
    if (options.timeoutSeconds > 0) {
        ctx.cancel = &stop;
        ctx.timedOut = &timedOut;
        ctx.timeoutSeconds = options.timeoutSeconds;
        auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(options.timeoutSeconds));
        watchdog = std::thread([&, deadline] {
            std::unique_lock lock(mu);
            while (!finished) {
                if (options.cancel && options.cancel->load()) stop = true;
                if (std::chrono::steady_clock::now() >= deadline) {
                    timedOut = true;
                    stop = true;
                }
                if (stop) return;
                wake.wait_for(lock, std::chrono::milliseconds(10));
            }
        });
    }
    struct Join {
        std::thread& t;
        std::mutex& mu;
        std::condition_variable& wake;
        bool& finished;
        ~Join() {
            if (!t.joinable()) return;
            {
                std::lock_guard lock(mu);
                finished = true;
            }
            wake.notify_all();
            t.join();
        }
    } join{watchdog, mu, wake, finished};
    ctx.threads = options.threads;
    ctx.parallelMinNodes = options.parallelMinNodes;
    std::vector<Value> out;
    bool hasColumns = !plan.columns.empty();
    plan.root->execute(ctx, [&](Row& row) {
        if (!hasColumns) return true;
        out.clear();
        for (int s : plan.columnSlots) {
            out.push_back(row[s]);
            materialize(out.back(), view);
        }
        return sink(out);
    });
    if (write) finishDeletes(ctx);
    if (profile) ctx.clock.switchTo(nullptr);
}

}  // namespace

QueryEngine::QueryEngine(storage::GraphStore& store, EngineOptions options)
    : store_(store), options_(options) {
    // Asked once: the C library reads /sys for it (a file open per statement costs more than
    // a small query).
    if (options_.threads <= 0) {
        options_.threads =
            static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
    }
}

QueryResult QueryEngine::run(std::string_view text, const Params& params) {
    QueryResult result;
    std::vector<std::vector<Value>> rows;
    result = run(text, params, [&](const std::vector<Value>& row) {
        rows.push_back(row);
        return true;
    });
    result.rows = std::move(rows);
    return result;
}

QueryResult QueryEngine::run(std::string_view text, const Params& params, const RowSink& sink) {
    try {
        return runStatements(text, params, sink);
    } catch (const Error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw Error(
            "out of memory while running the query (the machine's memory or a limit such as "
            "--max-memory); narrow the query or raise the limit",
            Error::Kind::User);
    } catch (const std::exception& e) {
        // Anything else is a bug; it must still not take the process down.
        throw Error(std::string("internal error while running the query: ") + e.what(),
                    Error::Kind::Internal);
    }
}

QueryResult QueryEngine::runStatements(std::string_view text, const Params& params,
                                       const RowSink& sink) {
    std::vector<ast::Statement> statements = parseScript(text);
    QueryResult result;
    for (size_t i = 0; i < statements.size(); ++i) {
        auto& st = statements[i];
        bool last = i + 1 == statements.size();
        result = QueryResult{};
        bindStatement(st, text);
        const auto& finalClause = st.queries.back().clauses.back();
        if (finalClause.render) {
            result.render = RenderRequest{finalClause.render->format, finalClause.render->file,
                                          finalClause.render->layout};
        }
        RowSink keep = last ? sink : RowSink([](const std::vector<Value>&) { return true; });
        bool profile = st.mode == ast::Statement::Mode::Profile;
        if (st.mode == ast::Statement::Mode::Explain) {
            auto txn = store_.read();
            Plan plan = planStatement(st, *txn);
            result.columns = plan.columns;
            result.plan = plan.root->explain(false);
            continue;
        }
        if (!st.updates) {
            auto txn = store_.read();
            Plan plan = planStatement(st, *txn);
            result.columns = plan.columns;
            execute(plan, *txn, nullptr, params, options_, profile, result, keep);
            if (profile) result.plan = plan.root->explain(true);
            continue;
        }
        // A write statement: buffer its rows until it committed.
        std::vector<std::vector<Value>> rows;
        {
            auto txn = store_.write();
            Plan plan = planStatement(st, *txn);
            result.columns = plan.columns;
            execute(plan, *txn, txn.get(), params, options_, profile, result,
                    [&](const std::vector<Value>& row) {
                        rows.push_back(row);
                        return true;
                    });
            txn->commit();
            if (profile) result.plan = plan.root->explain(true);
        }
        for (const auto& row : rows) {
            if (!keep(row)) break;
        }
    }
    return result;
}

std::string QueryEngine::explain(std::string_view text) {
    std::vector<ast::Statement> statements = parseScript(text);
    std::string out;
    auto txn = store_.read();
    for (auto& st : statements) {
        bindStatement(st, text);
        Plan plan = planStatement(st, *txn);
        out += plan.root->explain(false);
    }
    return out;
}

bool mayWrite(std::string_view text) {
    std::vector<ast::Statement> statements = parseScript(text);
    bool writes = false;
    for (auto& st : statements) {
        bindStatement(st, text);
        writes = writes || st.updates;
    }
    return writes;
}

Value parseLiteral(std::string_view text) {
    ast::ExprPtr e = parseExpression(text);
    // Only constants: literals, lists and maps of them, negative numbers.
    std::function<void(const ast::Expr&)> check = [&](const ast::Expr& x) {
        switch (x.kind) {
            case ast::ExprKind::Literal:
            case ast::ExprKind::ListLiteral:
            case ast::ExprKind::MapLiteral:
                break;
            case ast::ExprKind::Unary:
                if (x.op == ast::Op::Negate || x.op == ast::Op::Plus) break;
                [[fallthrough]];
            default:
                throw Error("not a literal value: " + std::string(text) +
                            " (write strings in quotes, e.g. 'text')");
        }
        for (const auto& c : x.children) check(*c);
    };
    check(*e);
    ExecContext ctx;
    Row row;
    return evaluate(*e, row, ctx);
}

}  // namespace kgraph::query
