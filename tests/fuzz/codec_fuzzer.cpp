// libFuzzer target over the storage codecs on malformed bytes: property values, node and edge
// records (whole and by property lookup) and fact mentions, as a damaged or hostile database
// file would hand them to the store.
//
// The contract checked: any bytes decode or throw kgraph::Error; what decodes re-encodes to
// bytes that decode to the same record (the same bytes again, for values). A crash, a sanitizer
// report, a leak or a stack overflow (values nested deeper than the codec allows) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/common/error.h"
#include "storage/mention_record.h"
#include "storage/record_codec.h"
#include "storage/value_codec.h"

namespace {

using namespace kgraph;
using namespace kgraph::storage;

void mustRoundTrip(bool same) {
    if (!same) std::abort();  // decode(encode(x)) != x: a codec bug
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    // The first byte picks the codec; the rest are its bytes.
    std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0] % 4) {
            case 0: {
                // Bytes, not values, are compared: a NaN is not equal to itself.
                size_t pos = 0;
                std::string once, twice;
                codec::putValue(once, codec::getValue(bytes, pos));
                size_t pos2 = 0;
                codec::putValue(twice, codec::getValue(once, pos2));
                mustRoundTrip(once == twice && pos2 == once.size());
                break;
            }
            case 1: {
                auto n = codec::decodeNode(bytes);
                mustRoundTrip(codec::decodeNode(codec::encodeNode(n)).labels == n.labels);
                codec::findProp(bytes, codec::nodePropsOffset(bytes), 1);
                break;
            }
            case 2: {
                auto e = codec::decodeEdge(bytes);
                auto again = codec::decodeEdge(codec::encodeEdge(e));
                mustRoundTrip(again.src == e.src && again.dst == e.dst && again.type == e.type);
                codec::findProp(bytes, codec::edgePropsOffset(bytes), 1);
                break;
            }
            case 3: {
                auto m = decodeMention(bytes);
                auto again = decodeMention(encodeMention(m));
                mustRoundTrip(again.doc == m.doc && again.text == m.text &&
                              again.sentence == m.sentence);
                break;
            }
        }
    } catch (const kgraph::Error&) {
        // Malformed input, reported as such: the contract.
    }
    return 0;
}
