// The function catalog is execute/functions.h: one row per function with its implementation.
// This header forwards to it for the shell's completion (cli/shell_completion.cpp).
#pragma once

#include "engine/query/execute/functions.h"
