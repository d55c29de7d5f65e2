#include "engine/render/graph_renderer.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "engine/common/error.h"

namespace kgraph::render {

namespace {

using query::Value;

struct Collected {
    std::map<uint64_t, const query::NodeValue*> nodes;
    std::map<uint64_t, const query::RelationshipValue*> rels;
};

void collect(const Value& v, Collected& c) {
    switch (v.type()) {
        case Value::Type::Node:
            c.nodes.emplace(v.asNode().id, &v.asNode());
            break;
        case Value::Type::Relationship:
            c.rels.emplace(v.asRelationship().id, &v.asRelationship());
            break;
        case Value::Type::Path:
            for (const auto& n : v.asPath().nodes) c.nodes.emplace(n.id, &n);
            for (const auto& r : v.asPath().relationships) c.rels.emplace(r.id, &r);
            break;
        case Value::Type::List:
            for (const auto& e : v.asList()) collect(e, c);
            break;
        case Value::Type::Map:
            for (const auto& [k, e] : v.asMap()) collect(e, c);
            break;
        default:
            break;
    }
}

struct Style {
    const char* fill;
    const char* shape;
};

// One colour and shape per entity label (PRODUCT.md §2); other labels cycle.
Style styleFor(const std::string& label) {
    static const std::map<std::string, Style> kStyles = {
        {"Person", {"#fde2b3", "ellipse"}},
        {"Organization", {"#c9e4f6", "box"}},
        {"Country", {"#cdeccd", "hexagon"}},
        {"Location", {"#e3f5d6", "house"}},
        {"Group", {"#f3d1e8", "octagon"}},
        {"Event", {"#f9d0c4", "diamond"}},
        {"Initiative", {"#e4dcf5", "parallelogram"}},
        {"Media", {"#d7eef0", "note"}},
        {"Concept", {"#eeeeee", "box"}},
        {"Document", {"#ffffff", "folder"}}};
    if (auto it = kStyles.find(label); it != kStyles.end()) return it->second;
    static const std::array<const char*, 4> kOther = {"#f0e68c", "#d3d3f3", "#f5c6cb", "#c3e6cb"};
    return {kOther[std::hash<std::string>{}(label) % kOther.size()], "ellipse"};
}

std::string nodeCaption(const query::NodeValue& n) {
    for (const char* key : {"name", "title", "id"}) {
        auto it = n.properties.find(key);
        if (it != n.properties.end() && it->second.isString()) return it->second.asString();
    }
    return "#" + std::to_string(n.id);
}

void checkOptions(const RenderOptions& o) {
    static const std::set<std::string> kFormats = {"svg", "png", "pdf", "dot"};
    static const std::set<std::string> kLayouts = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};
    if (!kFormats.count(o.format)) {
        throw Error("unknown drawing format '" + o.format + "'; use svg, png, pdf or dot");
    }
    if (!kLayouts.count(o.layout)) {
        throw Error("unknown layout '" + o.layout + "'; use dot, neato, fdp, sfdp, circo or twopi");
    }
}

void set(void* obj, const char* attr, const std::string& value) {
    agsafeset(obj, const_cast<char*>(attr), const_cast<char*>(value.c_str()),
              const_cast<char*>(""));
}

// Graphviz reads backslash sequences in labels and tooltips (\N the node's
// id, \n \l \r line breaks, \\ a backslash): a name is shown as written, so
// its backslashes are doubled. (A newline in a name stays a line break.)
// Control characters other than a newline cannot appear in SVG (XML 1.0): they are drawn as
// their Unicode control pictures (U+2400 + c). A text is cut after kMaxLiteral bytes (at a
// character boundary, with "…"): Graphviz fails on longer strings.
std::string literal(const std::string& text) {
    constexpr size_t kMaxLiteral = 8000;
    std::string out;
    size_t end = text.size();
    if (end > kMaxLiteral) {
        end = kMaxLiteral;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    }
    for (size_t i = 0; i < end; ++i) {
        char c = text[i];
        if (c == '\\') out.push_back('\\');
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n') {
            out += "\xE2\x90";
            out.push_back(static_cast<char>(0x80 + static_cast<unsigned char>(c)));
        } else if (c == 0x7F) {
            out += "\xE2\x90\xA1";
        } else {
            out.push_back(c);
        }
    }
    if (end < text.size()) out += "…";
    return out;
}

// The legend: a box titled "Legend" with one sample node per entity label of
// the drawn nodes, in the label's colour and shape, in name order.
void addLegend(Agraph_t* g, const Collected& c, const std::map<uint64_t, Agnode_t*>& drawn) {
    std::set<std::string> labels;
    for (const auto& [id, n] : c.nodes) {
        if (drawn.count(id) && !n->labels.empty()) labels.insert(n->labels.front());
    }
    if (labels.empty()) return;
    Agraph_t* legend = agsubg(g, const_cast<char*>("cluster_legend"), 1);
    set(legend, "label", "Legend");
    set(legend, "fontsize", "11");
    set(legend, "style", "rounded");
    set(legend, "color", "#999999");
    int i = 0;
    for (const auto& label : labels) {
        std::string key = "legend" + std::to_string(i++);
        Agnode_t* an = agnode(legend, key.data(), 1);
        Style s = styleFor(label);
        set(an, "label", literal(label));
        set(an, "fillcolor", s.fill);
        set(an, "shape", s.shape);
        set(an, "fontsize", "10");
    }
}

// Builds the cgraph graph. The caller owns it (agclose).
Agraph_t* buildGraph(const query::QueryResult& result, const RenderOptions& options,
                     RenderSummary& summary) {
    Collected c;
    for (const auto& row : result.rows) {
        for (const auto& v : row) collect(v, c);
    }
    Agraph_t* g = agopen(const_cast<char*>("kgraph"), Agdirected, nullptr);
    set(g, "rankdir", "LR");
    set(g, "fontname", "Helvetica");
    set(g, "overlap", "false");
    agattr(g, AGNODE, const_cast<char*>("fontname"), const_cast<char*>("Helvetica"));
    agattr(g, AGNODE, const_cast<char*>("style"), const_cast<char*>("filled"));
    agattr(g, AGEDGE, const_cast<char*>("fontname"), const_cast<char*>("Helvetica"));
    agattr(g, AGEDGE, const_cast<char*>("fontsize"), const_cast<char*>("10"));

    std::map<uint64_t, Agnode_t*> drawn;
    for (const auto& [id, n] : c.nodes) {
        if (drawn.size() >= options.maxNodes) {
            summary.truncated = true;
            break;
        }
        std::string key = "n" + std::to_string(id);
        Agnode_t* an = agnode(g, key.data(), 1);
        std::string label = n->labels.empty() ? "" : n->labels.front();
        Style s = styleFor(label);
        set(an, "label", literal(nodeCaption(*n)));
        set(an, "tooltip",
            literal(label.empty() ? nodeCaption(*n) : label + ": " + nodeCaption(*n)));
        set(an, "fillcolor", s.fill);
        set(an, "shape", s.shape);
        drawn.emplace(id, an);
    }
    for (const auto& [id, r] : c.rels) {
        auto a = drawn.find(r->src), b = drawn.find(r->dst);
        if (a == drawn.end() || b == drawn.end()) continue;
        std::string key = "e" + std::to_string(id);
        Agedge_t* e = agedge(g, a->second, b->second, key.data(), 1);
        set(e, "label", literal(r->type));
        ++summary.edges;
    }
    summary.nodes = drawn.size();
    addLegend(g, c, drawn);
    if (summary.truncated) {
        set(g, "label",
            "Only the first " + std::to_string(options.maxNodes) + " of " +
                std::to_string(c.nodes.size()) + " nodes are drawn");
        set(g, "labelloc", "t");
    }
    return g;
}

// One Graphviz context for the whole process, never freed: Graphviz 2.42's
// pango plugin keeps font data across contexts, so a second gvContext() after
// gvFreeContext() reads freed memory. Graphviz is not thread-safe either,
// hence the lock around every use.
GVC_t* sharedContext() {
    static GVC_t* gvc = gvContext();
    return gvc;
}
std::mutex& graphvizMutex() {
    static std::mutex m;
    return m;
}

}  // namespace

std::string renderToString(const query::QueryResult& result, const RenderOptions& options,
                           RenderSummary* summaryOut) {
    checkOptions(options);
    RenderSummary summary;
    std::lock_guard lock(graphvizMutex());
    GVC_t* gvc = sharedContext();
    Agraph_t* g = buildGraph(result, options, summary);
    std::string out;
    if (gvLayout(gvc, g, options.layout.c_str()) != 0) {
        agclose(g);
        throw Error("Graphviz could not lay out the drawing with '" + options.layout + "'");
    }
    char* data = nullptr;
    unsigned int length = 0;
    int rc = gvRenderData(gvc, g, options.format.c_str(), &data, &length);
    if (rc == 0 && data) out.assign(data, length);
    gvFreeRenderData(data);
    gvFreeLayout(gvc, g);
    agclose(g);
    if (rc != 0) throw Error("Graphviz could not render format '" + options.format + "'");
    if (summaryOut) *summaryOut = summary;
    return out;
}

std::string graphSource(const query::QueryResult& result, const RenderOptions& options) {
    checkOptions(options);
    RenderSummary summary;
    std::lock_guard lock(graphvizMutex());
    sharedContext();  // registers cgraph's default disciplines
    Agraph_t* g = buildGraph(result, options, summary);
    char* data = nullptr;
    size_t length = 0;
    FILE* f = open_memstream(&data, &length);
    if (!f) {
        agclose(g);
        throw Error("out of memory while writing the drawing", Error::Kind::Internal);
    }
    agwrite(g, f);
    std::fclose(f);
    agclose(g);
    std::string out(data, length);
    std::free(data);
    return out;
}

RenderSummary renderToFile(const query::QueryResult& result, const std::string& file,
                           const RenderOptions& options) {
    RenderSummary summary;
    std::string bytes = renderToString(result, options, &summary);
    std::ofstream out(file, std::ios::binary);
    if (!out) throw Error("cannot write the drawing to " + file + " (check the folder exists)");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error("could not finish writing " + file);
    return summary;
}

}  // namespace kgraph::render
