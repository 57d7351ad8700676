// Page metadata from an HTML parse tree: title, author, date, site name, language, canonical URL
// and description, from <meta>/<link>/<title>, JSON-LD and the first <h1>.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

#include "segment/document.h"

namespace winnow::segment {

// root is the <html> element of a parse owned by the caller; blocks are the page's blocks
// (the first level-1 heading is the last resort for the title); byline is the text of the first
// element marked as naming the author and time the datetime of the first <time> element (the
// last resorts for author and date).
Metadata extract_metadata(const GumboNode* root, const std::vector<std::string>& json_ld,
                          const std::vector<Block>& blocks, std::string_view byline = {},
                          std::string_view time = {});

// "By Erin Cunningham | Staff Writer" → "Erin Cunningham": an author's name without the byline's
// lead word (in a few languages) or what a separator adds after it (a role, a date).
std::string author_name(std::string_view byline);

// "Article title | Site" → "Article title": drops the parts that name the site (site_name, when
// not empty: the page's og:site_name or publisher), then a site-name part after a separator when
// what remains still reads as a title. A headline (the first <h1>, the JSON-LD headline), when not
// empty, wins if it equals a run of the parts.
std::string strip_title_site_suffix(std::string_view title, std::string_view heading, std::string_view site_name = {},
                                    std::string_view headline = {});

// Adds a schema.org type ("Product", or "https://schema.org/Product") to a space-separated list,
// once.
void add_schema_type(std::string& types, std::string_view type);

// Adds the schema.org types an itemtype attribute's value names ("https://schema.org/Product",
// several URLs space separated).
void add_microdata_types(std::string_view itemtype, std::string& types);

}  // namespace winnow::segment
