// kgraph's one exception type.
//
// Every layer (storage, engine, cli) reports an error that ends the current
// operation by throwing kgraph::Error; the CLI catches it once, prints
// what() to stderr and exits with the code that matches kind(). Ordinary
// outcomes ("not found", "end of scan") are return values, never exceptions.
//
// Messages say what was wrong and what to do about it, e.g.
//   "database is locked: /tmp/x.kg is open in another kgraph process"
#pragma once

#include <stdexcept>
#include <string>

namespace kgraph {

class Error : public std::runtime_error {
public:
    enum class Kind {
        User,      // bad input from the user: a query, a file, a name. Exit code 1.
        Usage,     // bad command-line usage. Exit code 2.
        Storage,   // the database could not be read or written. Exit code 1.
        Internal,  // a bug in kgraph. Exit code 1.
    };

    explicit Error(std::string message, Kind kind = Kind::User)
        : std::runtime_error(std::move(message)), kind_(kind) {}

    Kind kind() const noexcept { return kind_; }

private:
    Kind kind_;
};

}  // namespace kgraph
