// winnow._winnow: the pybind11 binding of the public API (include/winnow/) that the package
// `winnow` re-exports. The GIL is released while a document is cleaned, so threads scale.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <winnow/winnow.h>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace {

template <typename T>
T choose(const char* option, const std::string& value, std::initializer_list<std::pair<std::string_view, T>> choices) {
    std::string names;
    for (const auto& [name, choice] : choices) {
        if (value == name) return choice;
        names += names.empty() ? "" : ", ";
        names += name;
    }
    throw py::value_error("invalid value '" + value + "' for " + option + " (expected " + names + ")");
}

std::string_view input_name(winnow::InputKind kind) {
    switch (kind) {
        case winnow::InputKind::Text: return "text";
        case winnow::InputKind::Html: return "html";
        case winnow::InputKind::Auto: break;
    }
    return "auto";
}

std::string_view favor_name(winnow::Favor favor) {
    switch (favor) {
        case winnow::Favor::Precision: return "precision";
        case winnow::Favor::Recall: return "recall";
        case winnow::Favor::Balanced: break;
    }
    return "balanced";
}

// Metadata is an empty string when unknown in C++; None in Python.
py::object text_or_none(const std::string& value) {
    if (value.empty()) return py::none();
    return py::str(value);
}

// A Cleaner as Python sees it: the one built from the caller's options, and (built on the first
// str input) the same with charset utf-8, since a str is cleaned from its UTF-8 encoding.
class PythonCleaner {
public:
    explicit PythonCleaner(winnow::Options options) : cleaner_(std::make_shared<const winnow::Cleaner>(std::move(options))) {}

    const winnow::Options& options() const { return cleaner_->options(); }

    winnow::Result clean(const py::object& data, const std::string& source) {
        if (PyUnicode_Check(data.ptr())) {
            Py_ssize_t size = 0;
            const char* utf8 = PyUnicode_AsUTF8AndSize(data.ptr(), &size);  // cached in the str, lives with it
            if (utf8 == nullptr) throw py::error_already_set();
            return run(utf8_cleaner(), std::string_view(utf8, static_cast<std::size_t>(size)), source);
        }
        if (PyBytes_Check(data.ptr())) {
            // bytes are immutable: read them in place without the GIL (the caller's reference keeps them alive).
            char* bytes = nullptr;
            Py_ssize_t size = 0;
            if (PyBytes_AsStringAndSize(data.ptr(), &bytes, &size) != 0) throw py::error_already_set();
            return run(cleaner_, std::string_view(bytes, static_cast<std::size_t>(size)), source);
        }
        if (PyObject_CheckBuffer(data.ptr())) {
            // bytearray, memoryview, …: another thread could change them while the GIL is released, so copy.
            const py::buffer_info info = py::reinterpret_borrow<py::buffer>(data).request();
            const auto length = static_cast<std::size_t>(info.size * info.itemsize);
            const std::string copy(static_cast<const char*>(info.ptr), length);
            return run(cleaner_, copy, source);
        }
        throw py::type_error("clean() takes bytes (or another bytes-like object) or str, not " +
                             std::string(Py_TYPE(data.ptr())->tp_name));
    }

    // The decode stage alone (--only-decode): the input as UTF-8 and how it was read.
    winnow::Decoded decode(const py::object& data) {
        if (PyBytes_Check(data.ptr())) {
            char* bytes = nullptr;
            Py_ssize_t size = 0;
            if (PyBytes_AsStringAndSize(data.ptr(), &bytes, &size) != 0) throw py::error_already_set();
            const std::string_view view(bytes, static_cast<std::size_t>(size));
            py::gil_scoped_release released;
            return cleaner_->decode(view);
        }
        if (!PyUnicode_Check(data.ptr()) && PyObject_CheckBuffer(data.ptr())) {
            const py::buffer_info info = py::reinterpret_borrow<py::buffer>(data).request();
            const std::string copy(static_cast<const char*>(info.ptr), static_cast<std::size_t>(info.size * info.itemsize));
            py::gil_scoped_release released;
            return cleaner_->decode(copy);
        }
        throw py::type_error("decode() takes bytes (or another bytes-like object), not " +
                             std::string(Py_TYPE(data.ptr())->tp_name));
    }

    // file.read(n) gives the bytes; each finished window goes to sink(Result). The work runs without
    // the GIL, which is taken back for each read and each call of the sink.
    void clean_stream(const py::object& file, const py::function& sink, const std::string& source, bool whole,
                      std::size_t window_bytes) {
        if (window_bytes < 4096) throw py::value_error("window_bytes must be at least 4096");
        const py::object read = file.attr("read");
        winnow::StreamOptions stream;
        stream.whole = whole;
        stream.window_bytes = window_bytes;
        const std::shared_ptr<const winnow::Cleaner> cleaner = cleaner_;
        py::gil_scoped_release released;
        cleaner->clean_stream(
            [&](char* buffer, std::size_t capacity) -> std::size_t {
                py::gil_scoped_acquire held;
                const py::object chunk = read(capacity);
                if (!PyBytes_Check(chunk.ptr()))
                    throw py::type_error("clean_stream() reads bytes: file.read() gave " +
                                         std::string(Py_TYPE(chunk.ptr())->tp_name) + " (open the file in binary mode)");
                char* bytes = nullptr;
                Py_ssize_t size = 0;
                if (PyBytes_AsStringAndSize(chunk.ptr(), &bytes, &size) != 0) throw py::error_already_set();
                if (static_cast<std::size_t>(size) > capacity)
                    throw py::value_error("clean_stream(): file.read(n) gave more than n bytes");
                std::copy_n(bytes, size, buffer);
                return static_cast<std::size_t>(size);
            },
            source,
            [&](const winnow::Result& result) {
                py::gil_scoped_acquire held;
                sink(result);
            },
            stream);
    }

private:
    static winnow::Result run(const std::shared_ptr<const winnow::Cleaner>& cleaner, std::string_view bytes,
                              const std::string& source) {
        py::gil_scoped_release released;
        return cleaner->clean(bytes, source);
    }

    // Called with the GIL held; it is released while the patterns compile, so two threads may both
    // build one: the first stored is kept (utf8_ is only read and written with the GIL held).
    std::shared_ptr<const winnow::Cleaner> utf8_cleaner() {
        if (cleaner_->options().charset == "utf-8") return cleaner_;
        if (!utf8_) {
            winnow::Options options = cleaner_->options();
            options.charset = "utf-8";
            py::gil_scoped_release released;  // compiling the patterns takes a while
            auto built = std::make_shared<const winnow::Cleaner>(std::move(options));
            py::gil_scoped_acquire held;
            if (!utf8_) utf8_ = std::move(built);
        }
        return utf8_;
    }

    std::shared_ptr<const winnow::Cleaner> cleaner_;
    std::shared_ptr<const winnow::Cleaner> utf8_;
};

winnow::Options make_options(const std::string& input, const std::optional<std::string>& charset, bool repair,
                             const std::string& favor, bool comments, bool links, bool explain,
                             const std::optional<std::filesystem::path>& patterns, const std::optional<std::string>& page_type) {
    winnow::Options options;
    options.input = choose<winnow::InputKind>(
        "input", input, {{"auto", winnow::InputKind::Auto}, {"text", winnow::InputKind::Text}, {"html", winnow::InputKind::Html}});
    if (charset && !charset->empty()) {
        if (winnow::resolve_encoding(*charset).empty())
            throw py::value_error("unknown encoding '" + *charset +
                                  "' for charset (use a WHATWG label such as utf-8, windows-1252, gbk)");
        options.charset = *charset;
    }
    options.repair = repair;
    options.favor = choose<winnow::Favor>(
        "favor", favor, {{"balanced", winnow::Favor::Balanced}, {"precision", winnow::Favor::Precision}, {"recall", winnow::Favor::Recall}});
    options.comments = comments;
    options.links = links;
    options.explain = explain;
    if (patterns) options.patterns = *patterns;
    if (page_type && !page_type->empty()) {
        const std::vector<std::string_view>& names = winnow::page_types();
        if (std::find(names.begin(), names.end(), *page_type) == names.end()) {
            std::string listed;
            for (std::string_view name : names) listed += (listed.empty() ? "" : ", ") + std::string(name);
            throw py::value_error("invalid value '" + *page_type + "' for page_type (expected " + listed + ")");
        }
        options.page_type = *page_type;
    }
    return options;
}

py::dict options_dict(const winnow::Options& options) {
    py::dict out;
    out["input"] = input_name(options.input);
    out["charset"] = text_or_none(options.charset);
    out["repair"] = options.repair;
    out["favor"] = favor_name(options.favor);
    out["comments"] = options.comments;
    out["links"] = options.links;
    out["explain"] = options.explain;
    out["patterns"] = text_or_none(options.patterns.string());
    out["page_type"] = text_or_none(options.page_type);
    return out;
}

}  // namespace

PYBIND11_MODULE(_winnow, m) {
    m.doc() = "The compiled part of winnow: Cleaner, Result, BlockLabel, DecodeReport, Error. Import `winnow`.";

    // winnow::Error → winnow.Error (a ValueError) with the message, and the parts as attributes.
    static py::exception<winnow::Error> error(m, "Error", PyExc_ValueError);
    error.doc() =
        "A document could not be cleaned, or the patterns could not be loaded. str(e) is "
        "'DOCUMENT: problem'; e.kind is 'unreadable', 'binary', 'patterns' or 'over_budget', e.document and e.problem "
        "are the two parts.";
    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown) std::rethrow_exception(thrown);
        } catch (const winnow::Error& e) {
            const char* kind = e.kind() == winnow::Error::Kind::Binary       ? "binary"
                               : e.kind() == winnow::Error::Kind::Patterns   ? "patterns"
                               : e.kind() == winnow::Error::Kind::OverBudget ? "over_budget"
                                                                             : "unreadable";
            py::object instance = py::reinterpret_borrow<py::object>(error.ptr())(e.what());
            instance.attr("kind") = kind;
            instance.attr("document") = e.document();
            instance.attr("problem") = e.problem();
            PyErr_SetObject(error.ptr(), instance.ptr());
        }
    });

    py::class_<winnow::DecodeReport>(m, "DecodeReport", "How the input's bytes were read.")
        .def_readonly("encoding", &winnow::DecodeReport::encoding,
                      "WHATWG name of the encoding the bytes were read as (an iconv name for one WHATWG does not list).")
        .def_readonly("decided_by", &winnow::DecodeReport::decided_by,
                      "How the encoding was decided: 'bom', 'declared', 'meta', 'detector' or 'default'.")
        .def_readonly("bom", &winnow::DecodeReport::bom, "Whether a byte-order mark was present (and removed).")
        .def_readonly("replacements", &winnow::DecodeReport::replacements,
                      "How many U+FFFD characters replaced undecodable bytes.")
        .def_property_readonly(
            "repairs",
            [](const winnow::DecodeReport& report) {
                py::list out;
                for (const winnow::Repair& repair : report.repairs) out.append(py::make_tuple(repair.kind, repair.count));
                return out;
            },
            "The mojibake repairs applied, as (kind, count) pairs, e.g. ('utf8-as-windows-1252', 3).")
        .def("__repr__", [](const winnow::DecodeReport& report) {
            return "DecodeReport(encoding='" + report.encoding + "', decided_by='" + report.decided_by +
                   "', bom=" + (report.bom ? "True" : "False") + ", replacements=" + std::to_string(report.replacements) +
                   ", repairs=" + std::to_string(report.repairs.size()) + ")";
        });

    py::class_<winnow::BlockLabel>(m, "BlockLabel", "One block of the document and what was decided for it.")
        .def_readonly("first_line", &winnow::BlockLabel::first_line,
                      "The input line (text), or the block's number in document order (HTML).")
        .def_readonly("last_line", &winnow::BlockLabel::last_line,
                      "Past first_line when hard-wrapped lines were joined into one paragraph.")
        .def_property_readonly(
            "label", [](const winnow::BlockLabel& block) { return std::string(winnow::label_name(block.label)); },
            "'content', 'title', 'byline', 'date', 'comment' or 'noise'.")
        .def_property_readonly(
            "category",
            [](const winnow::BlockLabel& block) -> py::object {
                if (block.label != winnow::Label::Noise) return py::none();
                return py::str(std::string(winnow::category_name(block.category)));
            },
            "For noise, its category ('ad', 'cookie', 'related', 'navigation', …); None otherwise.")
        .def_readonly("reason", &winnow::BlockLabel::reason, "The rule that decided, with its evidence.")
        .def_readonly("text", &winnow::BlockLabel::text, "The block as read.")
        .def("__repr__", [](const winnow::BlockLabel& block) {
            std::string out = "BlockLabel(" + std::to_string(block.first_line);
            if (block.last_line != block.first_line) out += "-" + std::to_string(block.last_line);
            out += ", " + std::string(winnow::label_name(block.label));
            if (block.label == winnow::Label::Noise) out += ":" + std::string(winnow::category_name(block.category));
            return out + ", " + py::repr(py::str(block.text)).cast<std::string>() + ")";
        });

    py::class_<winnow::Result>(m, "Result",
                               "One cleaned document: the article text, its metadata, how it was decoded and, "
                               "when the Cleaner was built with explain=True, every block's decision.")
        .def_readonly("source", &winnow::Result::source, "The name given to clean().")
        .def_property_readonly("title", [](const winnow::Result& r) { return text_or_none(r.title); },
                               "The headline, or None.")
        .def_property_readonly("author", [](const winnow::Result& r) { return text_or_none(r.author); },
                               "The byline's author, or None.")
        .def_property_readonly("date", [](const winnow::Result& r) { return text_or_none(r.date); },
                               "The date as the page gives it, or None.")
        .def_property_readonly("language", [](const winnow::Result& r) { return text_or_none(r.language); },
                               "From <html lang>, else the stopword list that fits the text best; or None.")
        .def_property_readonly("site_name", [](const winnow::Result& r) { return text_or_none(r.site_name); },
                               "The site's name (Open Graph, JSON-LD), or None.")
        .def_property_readonly("url", [](const winnow::Result& r) { return text_or_none(r.url); },
                               "The page's canonical URL, or None.")
        .def_property_readonly("description", [](const winnow::Result& r) { return text_or_none(r.description); },
                               "The page's description, or None.")
        .def_property_readonly("page_type", [](const winnow::Result& r) { return text_or_none(r.page_type); },
                               "HTML: 'article', 'forum', 'product', 'collection', 'listing', 'documentation' or "
                               "'service' (decided from the page, or the Cleaner's page_type); None for plain text.")
        .def_readonly("text", &winnow::Result::text,
                      "The kept paragraphs and list items, one per line, without the title.")
        .def_readonly("comments", &winnow::Result::comments, "Reader comments, when the Cleaner keeps them.")
        .def_readonly("decode", &winnow::Result::decode, "How the bytes were read (a DecodeReport).")
        .def_readonly("blocks", &winnow::Result::blocks, "How many blocks were read.")
        .def_readonly("noise_blocks", &winnow::Result::noise_blocks, "How many of them were noise.")
        .def_readonly("window", &winnow::Result::window,
                      "clean_stream(): which window of the input this is, from 0 (0 for a whole document).")
        .def_readonly("labels", &winnow::Result::labels,
                      "Every block's decision (BlockLabel), when the Cleaner was built with explain=True; else [].")
        .def("to_text", [](const winnow::Result& r) { return winnow::to_text(r); },
             "The title on a line (when there is one), then one kept paragraph per line; the `winnow` "
             "command's default output.")
        .def("to_markdown", [](const winnow::Result& r) { return winnow::to_markdown(r); },
             "Markdown: '# title', then headings, lists, tables, code blocks and quotes.")
        .def("to_json", [](const winnow::Result& r, bool labels) { return winnow::to_json(r, labels); },
             py::arg("labels") = false,
             "One JSON object on one line, newline terminated (`winnow --format json`); labels=True adds "
             "the 'lines' array (needs explain=True).")
        .def("to_explain", [](const winnow::Result& r) { return winnow::to_explain(r); },
             "One tab-separated row per block: LINES LABEL CATEGORY REASON TEXT (`winnow --explain`).")
        .def(
            "to_dict",
            [](const winnow::Result& r, bool labels) {
                return py::module_::import("json").attr("loads")(winnow::to_json(r, labels));
            },
            py::arg("labels") = false, "The JSON object as a dict (to_json parsed).")
        .def("__repr__", [](const winnow::Result& r) {
            return "Result(source=" + py::repr(py::str(r.source)).cast<std::string>() +
                   ", title=" + py::repr(text_or_none(r.title)).cast<std::string>() + ", blocks=" + std::to_string(r.blocks) +
                   ", noise_blocks=" + std::to_string(r.noise_blocks) + ")";
        });

    py::class_<PythonCleaner>(m, "Cleaner",
                              "Compiled patterns and options; build once, then clean any number of documents, from "
                              "any number of threads at once (the GIL is released while a document is cleaned).")
        .def(py::init([](const std::string& input, const std::optional<std::string>& charset, bool repair,
                         const std::string& favor, bool comments, bool links, bool explain,
                         const std::optional<std::filesystem::path>& patterns, const std::optional<std::string>& page_type) {
                 return PythonCleaner(make_options(input, charset, repair, favor, comments, links, explain, patterns, page_type));
             }),
             py::kw_only(), py::arg("input") = "auto", py::arg("charset") = py::none(), py::arg("repair") = true,
             py::arg("favor") = "balanced", py::arg("comments") = false, py::arg("links") = false,
             py::arg("explain") = false, py::arg("patterns") = py::none(), py::arg("page_type") = py::none(),
             R"(The options are the command line's:

input     'auto' (HTML when it starts with markup or is dense with tags), 'text' or 'html'
charset   read bytes as this encoding (a WHATWG label: 'utf-8', 'windows-1252', ...) instead of sniffing
repair    repair mojibake ('â€™' -> '’') after decoding (--no-repair is repair=False)
favor     'balanced', 'precision' (drop doubtful lines) or 'recall' (keep them)
comments  keep reader comments (Result.comments) instead of dropping them
links     HTML: keep link targets, for to_markdown's [text](target)
explain   fill Result.labels with every block's decision and its reason
patterns  a directory of pattern files (<lang>/<kind>.txt) to add to the built-in ones
page_type HTML: treat the page as this type ('article', 'forum', 'product', 'collection', 'listing',
          'documentation', 'service') instead of deciding it from the page

Raises ValueError naming the option for a value it does not know, and winnow.Error when the
pattern files cannot be loaded.)")
        .def("clean", &PythonCleaner::clean, py::arg("data"), py::arg("source") = "<input>",
             R"(Cleans one document and returns a Result.

data is bytes (or bytearray, memoryview), decoded as the options say (sniffed by default), or str,
which is cleaned from its UTF-8 encoding with charset utf-8 whatever the charset option says.
source names the document in the result and in error messages.
Raises winnow.Error for input that is binary data, not text or HTML (unless input='text').)")
        .def("clean_stream", &PythonCleaner::clean_stream, py::arg("file"), py::arg("sink"),
             py::arg("source") = "<input>", py::kw_only(), py::arg("whole") = false,
             py::arg("window_bytes") = std::size_t{4} << 20,
             R"(Cleans a long input as it is read, as the `winnow` command streams stdin.

file is an object with read(n) -> bytes (a file opened in binary mode, io.BytesIO, sys.stdin.buffer).
Plain text is cut into windows of about window_bytes at line ends, each cleaned and handed to
sink(Result) as soon as it is done (Result.window counts them from 0), so memory stays bounded
however long the input; HTML, UTF-16 and UTF-32 text, short inputs and whole=True give one Result.
Raises what clean() raises, and what file.read() or sink raise; windows already handed to the sink
stay handed.)")
        .def(
            "decode",
            [](PythonCleaner& c, const py::object& data) {
                winnow::Decoded decoded = c.decode(data);
                return py::make_tuple(py::str(decoded.text), std::move(decoded.report));
            },
            py::arg("data"),
            "The decode stage alone (`winnow --only-decode`): returns (text, DecodeReport), the bytes as "
            "(repaired) UTF-8 text and how they were read, as the charset and repair options say.")
        .def_property_readonly("options", [](const PythonCleaner& c) { return options_dict(c.options()); },
                               "The options, as a dict of the constructor's keyword arguments.")
        .def(py::pickle(
            [](const PythonCleaner& c) { return options_dict(c.options()); },
            [](const py::dict& state) {
                const auto text = [&](const char* key) { return state[key].cast<std::string>(); };
                std::optional<std::string> charset;
                if (!state["charset"].is_none()) charset = text("charset");
                std::optional<std::filesystem::path> patterns;
                if (!state["patterns"].is_none()) patterns = text("patterns");
                std::optional<std::string> page_type;
                if (state.contains("page_type") && !state["page_type"].is_none()) page_type = text("page_type");
                return PythonCleaner(make_options(text("input"), charset, state["repair"].cast<bool>(), text("favor"),
                                                  state["comments"].cast<bool>(), state["links"].cast<bool>(),
                                                  state["explain"].cast<bool>(), patterns, page_type));
            }))
        .def("__repr__", [](const PythonCleaner& c) {
            std::string out = "Cleaner(";
            bool first = true;
            for (const auto& [key, value] : options_dict(c.options())) {
                out += (first ? "" : ", ") + key.cast<std::string>() + "=" + py::repr(value).cast<std::string>();
                first = false;
            }
            return out + ")";
        });

    m.def("version", [] { return std::string(winnow::version()); }, "The library's version, 'MAJOR.MINOR.PATCH'.");
}
