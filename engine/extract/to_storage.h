// Turning an Extraction into one document's contribution for storage:
// entity mentions grouped by (label, canonical name) with their aliases and
// counts; fact mentions grouped by (subject, predicate, object, negated, modality) with
// one supporting mention per sentence. Order follows first appearance, so the
// same input gives the same contribution.
#pragma once

#include "engine/extract/extraction.h"
#include "storage/document_ingest.h"

namespace kgraph::extract {

storage::DocumentInput toDocumentInput(const text::SourceDocument& doc, const Extraction& ex);

}  // namespace kgraph::extract
