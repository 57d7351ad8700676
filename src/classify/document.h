// The segmented document as the classify stage reads it: segment/document.h, with the names this
// stage uses brought into winnow::classify.
#pragma once

#include "segment/document.h"

namespace winnow::classify {

using segment::Block;
using segment::BlockKind;
using segment::Container;
using segment::Document;
using segment::InlineKind;
using segment::InlineSpan;
using segment::Metadata;
using segment::written_text;

}  // namespace winnow::classify
