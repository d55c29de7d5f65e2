// The procedure catalog is execute/procedures.h: one row per procedure with its
// implementation. This header forwards to it for the shell's completion
// (cli/shell_completion.cpp).
#pragma once

#include "engine/query/execute/procedures.h"
