// What a public Result keeps for the writers: the segmented, labelled document behind it.
#pragma once

#include "classify/labels.h"
#include "segment/document.h"
#include "write/article.h"
#include "winnow/winnow.h"

namespace winnow::detail {

struct Parsed {
    segment::Document document;
    classify::Labels labels;    // parallel to document.blocks
    write::Article article;  // indexes into document.blocks
    bool links = false;  // link targets were kept (Options::links), for the Markdown writer
};

}  // namespace winnow::detail
