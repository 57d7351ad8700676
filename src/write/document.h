// The labelled document as the write stage reads it: the segment stage's blocks and the classify
// stage's decisions, with the names this stage uses brought into winnow::write.
#pragma once

#include "classify/labels.h"
#include "segment/document.h"

namespace winnow::write {

using segment::Block;
using segment::BlockKind;
using segment::Container;
using segment::Document;
using segment::InlineKind;
using segment::InlineSpan;
using segment::Metadata;
using segment::written_text;

using classify::Decision;
using classify::Labels;
using classify::PageType;
using classify::page_type_name;

}  // namespace winnow::write
