// The public Cleaner: compiled patterns and options, one document at a time or a long input in
// windows handed to a sink.
#include "winnow/winnow.h"

#include <algorithm>
#include <utility>

#include "api/parsed.h"
#include "classify/patterns.h"
#include "decode/encoding_labels.h"
#include "input/file_source.h"
#include "input/windows.h"
#include "api/pipeline.h"
#include "segment/segment.h"

#ifndef WINNOW_VERSION
#define WINNOW_VERSION "unknown"
#endif

namespace winnow {

using classify::Decision;
using classify::PatternError;
using classify::Patterns;
using decode::DecodeOptions;
using detail::PipelineOptions;
using detail::PipelineResult;
using detail::run_pipeline;
using segment::Block;
using segment::Document;
using segment::looks_like_html;
using segment::written_text;
using write::Article;

Error::Error(Kind kind, std::string document, std::string problem)
    : std::runtime_error(document + ": " + problem),
      kind_(kind),
      document_(std::move(document)),
      problem_(std::move(problem)) {}

std::string_view version() { return WINNOW_VERSION; }

std::string resolve_encoding(std::string_view label) { return decode::resolve_named_encoding(label); }

namespace {

// A charset declared beside a document, when something here can decode it; else empty (sniff).
std::string declared_charset(std::string_view charset) {
    return decode::resolve_named_encoding(charset).empty() ? std::string() : std::string(charset);
}

}  // namespace

const std::vector<std::string_view>& page_types() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (int i = 0; i < classify::kPageTypes; ++i) out.push_back(classify::page_type_name(static_cast<classify::PageType>(i)));
        return out;
    }();
    return names;
}

ReadFunction file_reader(const std::string& path) {
    auto source = std::make_shared<input::FileSource>(path);
    return [source](char* buffer, std::size_t capacity) { return source->read(buffer, capacity); };
}

struct Cleaner::Impl {
    Options options;
    PipelineOptions pipeline;
    std::shared_ptr<const Patterns> patterns;
};

namespace {

// The built-in patterns, compiled once per process and shared by every Cleaner that adds none.
std::shared_ptr<const Patterns> embedded_patterns() {
    static const std::shared_ptr<const Patterns> patterns = std::make_shared<const Patterns>(Patterns::embedded());
    return patterns;
}

PipelineOptions pipeline_options(const Options& options) {
    PipelineOptions pipeline;
    pipeline.input = options.input;
    pipeline.keep_links = options.links;
    pipeline.decode.charset = options.charset;
    pipeline.decode.repair = options.repair;
    pipeline.classify.favor = options.favor;
    pipeline.classify.keep_comments = options.comments;
    if (!options.page_type.empty()) {
        classify::PageType type;
        if (!classify::page_type_from_name(options.page_type, &type)) {
            std::string names;
            for (std::string_view name : page_types()) {
                if (!names.empty()) names += name == page_types().back() ? " or " : ", ";
                names += name;
            }
            throw std::invalid_argument("unknown page type '" + options.page_type + "' (use " + names + ")");
        }
        pipeline.classify.page_type = type;
    }
    return pipeline;
}

bool wide_encoding(const std::string& encoding) {
    return encoding.starts_with("UTF-16") || encoding.starts_with("UTF-32");
}

// The document's time budget, starting now (none when Options::time_budget is 0).
Deadline deadline_for(const Options& options, std::string_view source) {
    if (options.time_budget.count() <= 0) return Deadline();
    return Deadline(options.time_budget, std::string(source));
}

Error binary_input(std::string_view source) {
    return Error(Error::Kind::Binary, std::string(source), "binary data, not text or HTML");
}

Result make_result(PipelineResult&& run, std::string_view source, std::size_t window, const Options& options) {
    Result result;
    result.source = source;
    result.window = window;
    const Document& document = run.document;
    const Article& article = run.article;
    result.title = article.title;
    result.author = article.author;
    result.date = article.date;
    result.language = document.meta.language;
    result.site_name = document.meta.site_name;
    result.url = document.meta.canonical_url;
    result.description = document.meta.description;
    result.page_type = article.page_type;
    for (std::size_t index : article.body) {
        if (!result.text.empty()) result.text.push_back('\n');
        result.text.append(written_text(document.blocks[index]));
    }
    for (std::size_t index : article.comments) result.comments.emplace_back(written_text(document.blocks[index]));
    result.blocks = document.blocks.size();
    result.noise_blocks = static_cast<std::size_t>(
        std::count_if(run.labels.begin(), run.labels.end(), [](const Decision& d) { return d.label == Label::Noise; }));
    if (options.explain) {
        result.labels.reserve(document.blocks.size());
        for (std::size_t i = 0; i < document.blocks.size(); ++i) {
            const Block& block = document.blocks[i];
            const Decision& decision = run.labels[i];
            result.labels.push_back(
                {block.first_line, block.last_line, decision.label, decision.category, decision.reason, block.text});
        }
    }
    result.decode = std::move(run.decode_report);
    auto parsed = std::make_shared<detail::Parsed>();
    parsed->document = std::move(run.document);
    parsed->labels = std::move(run.labels);
    parsed->article = std::move(run.article);
    parsed->links = options.links;
    result.parsed = std::move(parsed);
    return result;
}

}  // namespace

Cleaner::Cleaner(Options options) {
    auto impl = std::make_shared<Impl>();
    impl->pipeline = pipeline_options(options);
    if (options.patterns.empty()) {
        impl->patterns = embedded_patterns();
    } else {
        try {
            impl->patterns = std::make_shared<const Patterns>(Patterns::with_user_directory(options.patterns));
        } catch (const PatternError& e) {
            throw Error(Error::Kind::Patterns, "patterns", e.what());
        }
    }
    impl->options = std::move(options);
    impl_ = std::move(impl);
}

Cleaner::~Cleaner() = default;
Cleaner::Cleaner(const Cleaner&) = default;
Cleaner& Cleaner::operator=(const Cleaner&) = default;
Cleaner::Cleaner(Cleaner&&) noexcept = default;
Cleaner& Cleaner::operator=(Cleaner&&) noexcept = default;

const Options& Cleaner::options() const noexcept { return impl_->options; }

Result Cleaner::clean(std::string_view bytes, std::string_view source) const {
    const Deadline deadline = deadline_for(impl_->options, source);
    PipelineResult run = run_pipeline(bytes, impl_->pipeline, *impl_->patterns, &deadline);
    if (run.binary && impl_->options.input == InputKind::Auto) throw binary_input(source);
    return make_result(std::move(run), source, 0, impl_->options);
}

Result Cleaner::clean(std::string_view bytes, std::string_view source, std::string_view charset) const {
    PipelineOptions pipeline = impl_->pipeline;
    pipeline.decode.charset = declared_charset(charset);
    const Deadline deadline = deadline_for(impl_->options, source);
    PipelineResult run = run_pipeline(bytes, pipeline, *impl_->patterns, &deadline);
    if (run.binary && impl_->options.input == InputKind::Auto) throw binary_input(source);
    return make_result(std::move(run), source, 0, impl_->options);
}

void Cleaner::clean_stream(const ReadFunction& read, std::string_view source,
                           const std::function<void(const Result&)>& sink, const StreamOptions& stream) const {
    const Options& options = impl_->options;
    input::TextWindows windows(read, stream.window_bytes);
    std::string bytes;
    windows.next(bytes);
    const bool windowed = !stream.whole && !windows.exhausted() && options.input != InputKind::Html &&
                          (options.input == InputKind::Text || !looks_like_html(bytes));
    if (!windowed) {
        windows.read_rest(bytes);
        sink(clean(bytes, source));
        return;
    }
    PipelineOptions pipeline = impl_->pipeline;
    pipeline.input = InputKind::Text;
    for (std::size_t window = 0;; ++window) {
        const Deadline deadline = deadline_for(options, source);  // each window has the whole budget
        PipelineResult run = run_pipeline(bytes, pipeline, *impl_->patterns, &deadline);
        if (window == 0 && run.binary && options.input == InputKind::Auto) throw binary_input(source);
        if (window == 0 && wide_encoding(run.decode_report.encoding)) {
            // Windows are cut at byte '\n', which UTF-16/32 text does not have: read it whole.
            windows.read_rest(bytes);
            const Deadline whole = deadline_for(options, source);
            sink(make_result(run_pipeline(bytes, pipeline, *impl_->patterns, &whole), source, 0, options));
            return;
        }
        if (window == 0) {
            pipeline.decode.charset = run.decode_report.encoding;
            pipeline.classify.find_title = false;
        }
        pipeline.first_line += static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
        sink(make_result(std::move(run), source, window, options));
        if (!windows.next(bytes)) break;
    }
}

namespace {

Decoded decode_only(std::string_view bytes, const Options& options, DecodeOptions decode_options) {
    decode_options.is_html = options.input == InputKind::Html ||
                             (options.input == InputKind::Auto && looks_like_html(bytes));
    return decode::decode(bytes, decode_options);
}

}  // namespace

Decoded Cleaner::decode(std::string_view bytes) const {
    return decode_only(bytes, impl_->options, impl_->pipeline.decode);
}

Decoded Cleaner::decode(std::string_view bytes, std::string_view charset) const {
    DecodeOptions options = impl_->pipeline.decode;
    options.charset = declared_charset(charset);
    return decode_only(bytes, impl_->options, options);
}

void Cleaner::decode_stream(const ReadFunction& read, const std::function<void(const Decoded&)>& sink,
                            const StreamOptions& stream) const {
    // Windows are cut at line ends, so they decode alike once the first has fixed the encoding.
    // UTF-16/32 has no single-byte line ends: it is decoded whole, before anything is handed over.
    input::TextWindows windows(read, stream.window_bytes);
    std::string bytes;
    windows.next(bytes);
    if (stream.whole) windows.read_rest(bytes);
    DecodeOptions options = impl_->pipeline.decode;
    Decoded first = decode_only(bytes, impl_->options, options);
    if (wide_encoding(first.report.encoding) && !windows.exhausted()) {
        windows.read_rest(bytes);
        first = decode_only(bytes, impl_->options, options);
    }
    options.charset = first.report.encoding;
    sink(first);
    while (windows.next(bytes)) sink(decode_only(bytes, impl_->options, options));
}

}  // namespace winnow
