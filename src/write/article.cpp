// Assembling the article from a labelled document: title, author, date and the content blocks.
#include "write/article.h"

#include "write/date.h"

namespace winnow::write {

Article assemble(const Document& document, const Labels& labels) {
    Article article;
    article.title = document.meta.title;
    article.author = document.meta.author;
    article.date = document.meta.date;
    for (std::size_t i = 0; i < labels.size() && i < document.blocks.size(); ++i) {
        const Decision& d = labels[i];
        switch (d.label) {
            case Label::Content: article.body.push_back(i); break;
            case Label::Comment: article.comments.push_back(i); break;
            case Label::Title:
                if (article.title.empty()) article.title = d.value;
                break;
            case Label::Byline:
                if (article.author.empty()) article.author = d.value;
                break;
            case Label::Date:
                if (article.date.empty()) article.date = d.value;
                break;
            case Label::Noise: break;
        }
    }
    // Scripts read the date: ISO 8601 where it can be read for certain, else as the page gives it.
    if (std::string iso = iso_date(article.date); !iso.empty()) article.date = std::move(iso);
    return article;
}

}  // namespace winnow::write
