// JSON-LD (<script type="application/ld+json">, set aside by the pre-pass): the article and page objects a
// script describes and the schema.org types it declares, for the page's metadata and page type.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winnow::segment {

// What one article object (schema.org Article, NewsArticle, BlogPosting, DiscussionForumPosting,
// Report, Review, Question, …) says, as written (whitespace not collapsed); empty when absent.
// author and publisher are names: "X", {"name": "X"} or a list of them joined with ", ".
// date_published is datePublished, else dateCreated. A page object (WebPage, ItemPage, QAPage, …:
// web_page) gives only its date, which stands for the page's when no article gives one.
struct JsonLdArticle {
    std::string headline;
    std::string author;
    std::string date_published;
    std::string publisher;
    std::string description;
    bool web_page = false;
};

// Reads one script: appends its article and page objects (top level, in arrays, in @graph and as a
// page's mainEntity, in document order) to articles and its schema.org types to schema_types
// (add_schema_type). False, with nothing added, when the script is not JSON.
bool read_json_ld_script(std::string_view script, std::vector<JsonLdArticle>& articles, std::string& schema_types);

}  // namespace winnow::segment
