#include "engine/render/graph_renderer.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <tuple>
#include <vector>

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

// Text inside an HTML-like label: markup characters as entities.
std::string html(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\n':
                out += "<BR/>";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

void setHtml(Agraph_t* g, void* obj, const char* attr, const std::string& value) {
    char* h = agstrdup_html(g, const_cast<char*>(value.c_str()));
    agsafeset(obj, const_cast<char*>(attr), h, const_cast<char*>(""));
    agstrfree(g, h);
}

// At most `width` characters (UTF-8 code points), with "…" when cut.
std::string shortened(const std::string& text, size_t width) {
    size_t cps = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (++cps > width) {
            std::string head = text.substr(0, i);
            while (!head.empty() && head.back() == ' ') head.pop_back();
            return head + "…";
        }
    }
    return text;
}

// The legend: one node whose HTML-like label is a table of the entity labels drawn, each
// with a swatch of its colour and the name of its shape. Being one node, it stays whole in
// every layout (a cluster of sample nodes is drawn as a frame only by dot and fdp: neato laid
// the frame over the graph; sfdp, circo and twopi scattered the samples).
void addLegend(Agraph_t* g, const std::set<std::string>& labels) {
    if (labels.empty()) return;
    std::string table =
        "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\" "
        "COLOR=\"#999999\" STYLE=\"rounded\">"
        "<TR><TD COLSPAN=\"3\"><B>Legend</B></TD></TR>";
    for (const auto& label : labels) {
        Style s = styleFor(label);
        table += "<TR><TD BGCOLOR=\"" + std::string(s.fill) +
                 "\" BORDER=\"1\" COLOR=\"#666666\" WIDTH=\"18\"> </TD><TD ALIGN=\"LEFT\">" +
                 html(label) + "</TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"#777777\">" +
                 s.shape + "</FONT></TD></TR>";
    }
    table += "</TABLE>";
    Agnode_t* n = agnode(g, const_cast<char*>("legend"), 1);
    setHtml(g, n, "label", table);
    set(n, "shape", "plain");
    set(n, "style", "solid");
    set(n, "fontsize", "10");
    set(n, "tooltip", "Legend");
}

bool isDocument(const query::NodeValue& n) {
    return std::find(n.labels.begin(), n.labels.end(), "Document") != n.labels.end();
}

std::string numberText(const Value& v) {
    if (v.isInt()) return std::to_string(v.asInt());
    if (v.isFloat()) return query::formatValue(v);
    return "";
}

// One line of an edge's tooltip: the fact, its confidence and date, the evidence sentence
// and the source document.
std::string factTooltip(const query::RelationshipValue& r) {
    auto prop = [&](const char* key) -> const Value* {
        auto it = r.properties.find(key);
        return it == r.properties.end() || it->second.isNull() ? nullptr : &it->second;
    };
    std::string out = r.type;
    std::vector<std::string> details;
    if (const Value* v = prop("negated"); v && v->isBool() && v->asBool())
        details.push_back("negated");
    if (const Value* v = prop("confidence")) details.push_back("confidence " + numberText(*v));
    if (const Value* v = prop("date"); v && v->isString()) details.push_back(v->asString());
    if (const Value* v = prop("mentions")) {
        std::string n = numberText(*v);
        details.push_back(n + (n == "1" ? " mention" : " mentions"));
    }
    if (!details.empty()) {
        out += " (";
        for (size_t i = 0; i < details.size(); ++i) out += (i ? ", " : "") + details[i];
        out += ")";
    }
    if (const Value* v = prop("evidence"); v && v->isString())
        out += ": “" + shortened(v->asString(), 300) + "”";
    if (const Value* v = prop("sources"); v && v->isList() && !v->asList().empty()) {
        out += " — source: ";
        const auto& list = v->asList();
        for (size_t i = 0; i < list.size() && i < 3; ++i)
            out += (i ? ", " : "") + (list[i].isString() ? list[i].asString() : "");
        if (list.size() > 3) out += ", …";
    }
    return out;
}

// Builds the cgraph graph. The caller owns it (agclose).
Agraph_t* buildGraph(const query::QueryResult& result, const RenderOptions& options,
                     RenderSummary& summary) {
    Collected c;
    for (const auto& row : result.rows) {
        for (const auto& v : row) collect(v, c);
    }
    // Documents (and so MENTIONED_IN) are drawn when asked, or when there is nothing else.
    bool entities = std::any_of(c.nodes.begin(), c.nodes.end(),
                                [](const auto& n) { return !isDocument(*n.second); });
    bool dropDocuments = !options.documents && entities;
    Agraph_t* g = agopen(const_cast<char*>("kgraph"), Agdirected, nullptr);
    set(g, "rankdir", "LR");
    set(g, "fontname", "Helvetica");
    set(g, "overlap", "false");
    // Layouts other than dot place the legend (a node of its own) beside the graph.
    if (options.layout != "dot") set(g, "pack", "true");
    agattr(g, AGNODE, const_cast<char*>("fontname"), const_cast<char*>("Helvetica"));
    agattr(g, AGNODE, const_cast<char*>("style"), const_cast<char*>("filled"));
    agattr(g, AGEDGE, const_cast<char*>("fontname"), const_cast<char*>("Helvetica"));
    agattr(g, AGEDGE, const_cast<char*>("fontsize"), const_cast<char*>("10"));

    std::map<uint64_t, Agnode_t*> drawn;
    std::set<std::string> labels;
    size_t candidates = 0;
    for (const auto& [id, n] : c.nodes) {
        if (dropDocuments && isDocument(*n)) continue;
        ++candidates;
        if (drawn.size() >= options.maxNodes) {
            summary.truncated = true;
            continue;
        }
        std::string key = "n" + std::to_string(id);
        Agnode_t* an = agnode(g, key.data(), 1);
        std::string label = n->labels.empty() ? "" : n->labels.front();
        Style s = styleFor(label);
        std::string caption = nodeCaption(*n);
        // A Document's caption is its title: long ones made huge boxes.
        set(an, "label", literal(isDocument(*n) ? shortened(caption, 40) : caption));
        set(an, "tooltip", literal(label.empty() ? caption : label + ": " + caption));
        set(an, "fillcolor", s.fill);
        set(an, "shape", s.shape);
        drawn.emplace(id, an);
        if (!label.empty()) labels.insert(label);
    }
    // Parallel relationships (same ends, same direction, same negation) become one edge: the
    // types as one label, width by mentions, colour by the best confidence, dashed red if
    // negated, every fact with its evidence in the tooltip.
    std::map<std::tuple<uint64_t, uint64_t, bool>, std::vector<const query::RelationshipValue*>>
        bundles;
    for (const auto& [id, r] : c.rels) {
        if (!drawn.count(r->src) || !drawn.count(r->dst)) continue;
        auto neg = r->properties.find("negated");
        bool negated = neg != r->properties.end() && neg->second.isBool() && neg->second.asBool();
        bundles[{r->src, r->dst, negated}].push_back(r);
        ++summary.edges;
    }
    for (const auto& [key, rels] : bundles) {
        auto [src, dst, negated] = key;
        std::string name = "e" + std::to_string(rels.front()->id);
        Agedge_t* e = agedge(g, drawn.at(src), drawn.at(dst), name.data(), 1);
        std::vector<std::string> types;
        double mentions = 0, confidence = -1;
        std::string tooltip;
        for (const auto* r : rels) {
            if (std::find(types.begin(), types.end(), r->type) == types.end())
                types.push_back(r->type);
            auto m = r->properties.find("mentions");
            mentions += m != r->properties.end() && m->second.isNumber() ? m->second.asNumber() : 1;
            auto cf = r->properties.find("confidence");
            if (cf != r->properties.end() && cf->second.isNumber())
                confidence = std::max(confidence, cf->second.asNumber());
            if (tooltip.size() < 2000) tooltip += (tooltip.empty() ? "" : "\n") + factTooltip(*r);
        }
        std::string label;
        for (size_t i = 0; i < types.size() && i < 4; ++i) label += (i ? "\n" : "") + types[i];
        if (types.size() > 4) label += "\n+" + std::to_string(types.size() - 4) + " more";
        if (rels.size() > 1) label += " (" + std::to_string(rels.size()) + ")";
        set(e, "label", literal(label));
        set(e, "tooltip", literal(tooltip));
        set(e, "labeltooltip", literal(tooltip));
        char width[32];
        std::snprintf(width, sizeof width, "%.1f", std::min(6.0, 1.0 + std::log2(mentions)));
        set(e, "penwidth", width);
        const char* colour = negated             ? "#c0392b"
                             : confidence < 0    ? "#555555"
                             : confidence >= 0.8 ? "#222222"
                             : confidence >= 0.6 ? "#666666"
                                                 : "#aaaaaa";
        set(e, "color", colour);
        set(e, "fontcolor", negated ? "#c0392b" : "#333333");
        if (negated) {
            set(e, "style", "dashed");
        } else if (confidence >= 0 && confidence < 0.6) {
            set(e, "style", "dotted");
        }
    }
    summary.nodes = drawn.size();
    addLegend(g, labels);
    if (summary.truncated) {
        set(g, "label",
            "Only the first " + std::to_string(options.maxNodes) + " of " +
                std::to_string(candidates) + " nodes are drawn");
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

size_t drawableNodes(const query::QueryResult& result) {
    Collected c;
    for (const auto& row : result.rows) {
        for (const auto& v : row) collect(v, c);
    }
    return c.nodes.size();
}

RenderSummary renderToFile(const query::QueryResult& result, const std::string& file,
                           const RenderOptions& options) {
    checkOptions(options);
    if (drawableNodes(result) == 0) {
        throw Error("nothing to draw: the result has no nodes (" +
                    std::to_string(result.rows.size()) +
                    " rows); return nodes, relationships or paths, e.g. MATCH p = (a)-[r]->(b) "
                    "RETURN p; no file was written");
    }
    RenderSummary summary;
    std::string bytes = renderToString(result, options, &summary);
    std::ofstream out(file, std::ios::binary);
    if (!out) throw Error("cannot write the drawing to " + file + " (check the folder exists)");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error("could not finish writing " + file);
    return summary;
}

}  // namespace kgraph::render
