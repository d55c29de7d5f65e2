#include "engine/nlp/model_io.h"

#include <algorithm>
#include <fstream>

#include "engine/common/error.h"
#include "engine/nlp/hash.h"

namespace kgraph::nlp {

namespace {

constexpr char kMagic[8] = {'K', 'G', 'N', 'L', 'P', 'M', 'D', 'L'};

const char* kindName(ModelKind kind) { return kind == ModelKind::Tagger ? "tagger" : "parser"; }

std::string retrainHint(ModelKind kind) {
    return std::string(
               "; restore the shipped file (git checkout models/) or retrain it with "
               "`kgraph train ") +
           kindName(kind) + " --train FILE --dev FILE -o PATH` (see docs/nlp.md)";
}

}  // namespace

void BinaryReader::fail() const {
    throw Error(
        "model file " + source_ + " is truncated or corrupt" +
        "; restore the shipped file (git checkout models/) or retrain it (see docs/nlp.md)");
}

void writeModelFile(const std::string& path, ModelKind kind, const std::string& payload) {
    BinaryWriter w;
    for (char c : kMagic) w.put<char>(c);
    w.put<uint32_t>(kFormatVersion);
    w.put<uint32_t>(static_cast<uint32_t>(kind));
    w.putString(kTrainingDataName);
    w.put<uint64_t>(payload.size());
    w.put<uint64_t>(hashBytes(payload));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
    out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    out.close();
    if (!out)
        throw Error("cannot write model file " + path +
                    ": check the directory exists and is writable");
}

std::string readModelFile(const std::string& path, ModelKind kind, uint32_t* versionOut) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(std::string("cannot open ") + kindName(kind) + " model " + path +
                    ": pass the directory holding en_ewt.tagger and en_ewt.parser (--models or "
                    "$KGRAPH_MODELS)");
    }
    // One read into a buffer of the file's size; the payload is then cut out in place.
    in.seekg(0, std::ios::end);
    std::string all(static_cast<size_t>(std::max<std::streamoff>(in.tellg(), 0)), '\0');
    in.seekg(0, std::ios::beg);
    in.read(all.data(), static_cast<std::streamsize>(all.size()));
    if (!in) throw Error("cannot read model file " + path + retrainHint(kind));
    BinaryReader r(all, path);
    for (char c : kMagic) {
        if (all.size() < sizeof(kMagic) || r.get<char>() != c) {
            throw Error(path + " is not a kgraph NLP model file" + retrainHint(kind));
        }
    }
    uint32_t version = r.get<uint32_t>();
    if (version < kMinFormatVersion || version > kFormatVersion) {
        throw Error(path + " has model format version " + std::to_string(version) +
                    " but this kgraph reads versions " + std::to_string(kMinFormatVersion) +
                    " to " + std::to_string(kFormatVersion) + retrainHint(kind));
    }
    if (versionOut) *versionOut = version;
    uint32_t k = r.get<uint32_t>();
    if (k != static_cast<uint32_t>(kind)) {
        throw Error(path + " is not a " + kindName(kind) + " model" + retrainHint(kind));
    }
    std::string data = r.getString();
    if (data != kTrainingDataName) {
        throw Error(path + " was trained on '" + data + "', expected '" + kTrainingDataName + "'" +
                    retrainHint(kind));
    }
    uint64_t size = r.get<uint64_t>();
    uint64_t sum = r.get<uint64_t>();
    size_t headerSize = all.size() - (all.size() >= size ? size : 0);
    if (all.size() < size || headerSize != sizeof(kMagic) + 4 + 4 + 4 + data.size() + 8 + 8) {
        throw Error(path + " is truncated (payload size does not match)" + retrainHint(kind));
    }
    all.erase(0, headerSize);
    std::string payload = std::move(all);
    if (hashBytes(payload) != sum) {
        throw Error(path + " failed its checksum (the file is corrupt)" + retrainHint(kind));
    }
    return payload;
}

}  // namespace kgraph::nlp
