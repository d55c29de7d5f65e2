// The built-in functions the binder knows: name, argument count and whether the function is
// an aggregate. Names are matched case-insensitively (openCypher function names are).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace kgraph::query {

struct FunctionInfo {
    const char* name;  // as documented, e.g. "toUpper"
    int minArgs;
    int maxArgs;  // -1: any number
    bool aggregate;
};

// nullptr when there is no such function.
const FunctionInfo* findFunction(std::string_view name);

// The built-in function a misspelt or foreign name most likely means
// (toLowerCase -> toLower, lower -> toLower, sizee -> size), or empty.
std::string similarFunction(std::string_view name);

// Every built-in function, in catalog order (docs checks iterate over them).
std::span<const FunctionInfo> allFunctions();

std::string lowerCase(std::string_view s);

}  // namespace kgraph::query
