// The algo.* procedures: argument and option checking, and the conversion of engine/graph/
// results into rows of node, path and number values. Each is the implementation of its row
// in the procedure table (execute/procedures.h); user documentation: docs/algorithms.md.
// Each throws kgraph::Error on bad arguments or options, naming the valid ones.
#pragma once

#include "engine/query/execute/procedures.h"

namespace kgraph::query {

void algoBetweenness(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                     const ProcedureSink& emit);
void algoDegree(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                const ProcedureSink& emit);
void algoJaccard(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                 const ProcedureSink& emit);
void algoList(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
              const ProcedureSink& emit);
void algoNeighborhood(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                      const ProcedureSink& emit);
void algoPageRank(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                  const ProcedureSink& emit);
void algoShortestPath(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                      const ProcedureSink& emit);
void algoStronglyConnectedComponents(const ProcedureInfo& self, const std::vector<Value>& args,
                                     ExecContext& ctx, const ProcedureSink& emit);
void algoWeaklyConnectedComponents(const ProcedureInfo& self, const std::vector<Value>& args,
                                   ExecContext& ctx, const ProcedureSink& emit);

}  // namespace kgraph::query
