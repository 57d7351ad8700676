// Hostile inputs through the CLI, run as an unattended crawl would: each must end in a clean result
// or a clear error naming the input, never a signal, within 60 s and (outside sanitizer builds) a
// 2 GB address space. Big inputs are generated here at run time, not committed.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "decode/utf8.h"
#include "input/byte_source.h"
#include "input/gzip_member.h"
#include "input/warc.h"
#include "test_support.h"

using namespace winnow::test;

namespace {

const std::string kArticle = "<html><head><title>Harbour closed</title></head><body><article><p>" + kSentence +
                             "</p><p>" + kSentence + "</p></article></body></html>";

// Sizes of the big inputs: a quarter in the sanitizer build, where everything is slower, so the
// whole case stays within CTest's timeout there too.
std::size_t scaled(std::size_t bytes) { return sanitizer_build() ? bytes / 4 : bytes; }

// " a0 a1 a2 …": distinct names, as attributes.
std::string numbered(const std::string& unit, int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out += unit + std::to_string(i);
    return out;
}

// Never a signal, never a hang; a failure names the input.
void check_survived(const BoundedRun& run, const std::string& input_name) {
    INFO("stderr: " << run.err.substr(0, 400));
    INFO("took " << run.seconds << " s");
    REQUIRE_FALSE(run.timed_out);
    REQUIRE(run.signal == 0);
    CHECK((run.status == 0 || run.status == 1));
    if (run.status != 0) CHECK(run.err.find(input_name) != std::string::npos);
    CHECK(winnow::decode::valid_utf8_prefix(run.out) == run.out.size());
}

// Writes `bytes` to DIR/name and runs winnow on that file.
BoundedRun run_on_file(const TempDir& dir, const std::string& name, const std::string& bytes,
                       std::vector<std::string> args = {}) {
    const auto path = dir.path() / name;
    write_file(path, bytes);
    args.push_back(path.string());
    return run_winnow_bounded(args);
}

}  // namespace

TEST_CASE("hostile cli: empty input", "[hostile][cli]") {
    TempDir dir;
    const auto run = run_on_file(dir, "empty.html", "");
    check_survived(run, "empty.html");
    CHECK(run.status == 0);
    const auto from_stdin = run_winnow_bounded({});
    check_survived(from_stdin, "<stdin>");
    CHECK(from_stdin.status == 0);
}

TEST_CASE("hostile cli: NUL bytes in text and in HTML", "[hostile][cli]") {
    TempDir dir;
    std::string text = kSentence + "\n\n" + kSentence + "\n";
    text[10] = '\0';
    text[50] = '\0';
    const auto run = run_on_file(dir, "nul.txt", text);
    check_survived(run, "nul.txt");
    CHECK(run.status == 0);
    std::string page = kArticle;
    page.insert(page.find("<p>") + 3, std::string("\0\0\0", 3));
    const auto html = run_on_file(dir, "nul.html", page);
    check_survived(html, "nul.html");
    CHECK(html.status == 0);
    CHECK(html.out.find("harbour stayed closed") != std::string::npos);
}

TEST_CASE("hostile cli: a binary file is refused by name", "[hostile][cli]") {
    TempDir dir;
    std::string bytes(1 << 20, '\0');
    std::uint32_t state = 2463534242u;
    for (char& c : bytes) {
        state ^= state << 13, state ^= state >> 17, state ^= state << 5;
        c = static_cast<char>(state & 0x1f);  // control bytes, as in an image or an executable
    }
    const auto run = run_on_file(dir, "image.html", bytes);
    check_survived(run, "image.html");
    CHECK(run.status == 1);
    CHECK(run.err.find("image.html: binary data") != std::string::npos);
}

TEST_CASE("hostile cli: invalid and truncated UTF-8", "[hostile][cli]") {
    TempDir dir;
    // Lone continuation bytes, an overlong form, a surrogate, 0xFF, and a sequence cut at the end.
    const std::string text = kSentence + " \x80\xBF caf\xC3 \xC0\xAF \xED\xA0\x80 \xFF\xFE end\n\n" + kSentence + " \xE2\x80";
    const auto run = run_on_file(dir, "broken.txt", text);
    check_survived(run, "broken.txt");
    CHECK(run.status == 0);
    CHECK(run.out.find("harbour stayed closed") != std::string::npos);
    const auto html = run_on_file(dir, "broken.html", "<p>" + text + "</p><p>\xF0\x9F\x98");
    check_survived(html, "broken.html");
    CHECK(html.status == 0);
}

TEST_CASE("hostile cli: UTF-16 without a byte order mark", "[hostile][cli]") {
    TempDir dir;
    const std::string text = kSentence + "\n\n" + kSentence + "\n";
    std::string le, be;
    for (char c : text) {
        le += c, le += '\0';
        be += '\0', be += c;
    }
    for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"le.txt", le}, {"be.txt", be}}) {
        const auto run = run_on_file(dir, name, bytes);
        check_survived(run, name);
        CHECK(run.status == 0);
        CHECK(run.out.find("harbour stayed closed") != std::string::npos);
    }
}

TEST_CASE("hostile cli: a 100 MB single line", "[hostile][cli][big]") {
    TempDir dir;
    const auto run = run_on_file(dir, "line.txt", repeated("lorem ipsum dolor sit amet ", scaled(100u << 20) / 27));
    check_survived(run, "line.txt");
    CHECK(run.status == 0);
}

TEST_CASE("hostile cli: a 20 MB single line of HTML text", "[hostile][cli][big]") {
    TempDir dir;
    const auto run = run_on_file(dir, "line.html", "<p>" + repeated("lorem ipsum dolor sit amet ", scaled(20u << 20) / 27) + "</p>");
    check_survived(run, "line.html");
    CHECK(run.status == 0);
}

TEST_CASE("hostile cli: 10^5 attributes on one tag", "[hostile][cli]") {
    TempDir dir;
    std::string distinct = "<html><body><div";
    for (int i = 0; i < 100000; ++i) distinct += " data-a" + std::to_string(i) + "=\"v\"";
    distinct += "><p>" + kSentence + "</p></div></body></html>";
    const auto run = run_on_file(dir, "attributes.html", distinct);
    check_survived(run, "attributes.html");
    CHECK(run.status == 0);
    CHECK(run.out.find(kSentence) != std::string::npos);
    // Attributes later stages read (class, id) are kept by the pre-pass: Gumbo sees all of them.
    std::string read = "<html><body><div";
    for (int i = 0; i < 100000; ++i) read += (i % 2 ? " class=\"c" : " id=\"i") + std::to_string(i) + "\"";
    for (int i = 0; i < 100000; ++i) read += " title" + std::to_string(i) + "=x";
    read += "><p>" + kSentence + "</p></div></body></html>";
    const auto kept = run_on_file(dir, "read-attributes.html", read);
    check_survived(kept, "read-attributes.html");
    CHECK(kept.status == 0);
    CHECK(kept.out.find(kSentence) != std::string::npos);
}

TEST_CASE("hostile cli: a 50 MB unterminated comment", "[hostile][cli][big]") {
    TempDir dir;
    const auto run = run_on_file(dir, "comment.html", kArticle + "<!--" + repeated("<p>not shown</p> -- > ", scaled(50u << 20) / 22));
    check_survived(run, "comment.html");
    CHECK(run.status == 0);
    CHECK(run.out.find(kSentence) != std::string::npos);
    CHECK(run.out.find("not shown") == std::string::npos);
}

TEST_CASE("hostile cli: an unterminated <script> and other unclosed raw text", "[hostile][cli]") {
    TempDir dir;
    const std::string junk = repeated("var x = '<p>not shown</p>'; if (a < b) { c(); }\n", scaled(100000));
    for (const std::string tag : {"script", "style", "textarea", "title", "noscript", "svg", "template"}) {
        const std::string name = "unclosed-" + tag + ".html";
        const auto run = run_on_file(dir, name, kArticle + "<" + tag + ">" + junk);
        check_survived(run, name);
        CHECK(run.status == 0);
        CHECK(run.out.find(kSentence) != std::string::npos);
    }
}

TEST_CASE("hostile cli: unclosed start tags and quotes", "[hostile][cli]") {
    // Each '<a' that never reaches '>' must not send the pre-pass scanning to the end again, and
    // Gumbo must not meet 10^5 distinct attributes (its tokenizer checks each against all before).
    TempDir dir;
    for (const auto& [name, tail] : {std::pair<std::string, std::string>{"open-tags.html", repeated("<a ", 2000000)},
                                     {"open-quotes.html", repeated("<a href='x ", 500000)},
                                     {"open-ends.html", repeated("</b ", 1500000)},
                                     {"end-tag-attributes.html", "<b>x</b" + numbered(" a", 100000) + ">"},
                                     {"open-end-tag-attributes.html", "<b>x</b" + numbered(" a", 100000)}}) {
        const auto run = run_on_file(dir, name, kArticle + tail);
        check_survived(run, name);
        CHECK(run.status == 0);
        CHECK(run.out.find(kSentence) != std::string::npos);
    }
}

TEST_CASE("hostile cli: many tiny paragraphs", "[hostile][cli]") {
    // Hundreds of thousands of one-word blocks: classification must stay linear in the number of
    // blocks (it looked for each short block's neighbours block by block: minutes here).
    TempDir dir;
    const auto text = run_on_file(dir, "tiny.txt", kSentence + "\n\n" + repeated("a\n\n", scaled(400000)));
    check_survived(text, "tiny.txt");
    CHECK(text.status == 0);
    const auto html = run_on_file(dir, "tiny.html", "<body><p>" + kSentence + "</p>" + repeated("<p>a</p>", scaled(200000)));
    check_survived(html, "tiny.html");
    CHECK(html.status == 0);
}

TEST_CASE("hostile cli: a long line of mojibake", "[hostile][cli]") {
    // Repair costs more than linear time in a stretch's length; a line with no breaks is cut into
    // stretches too (400 000 characters of it took 11 s before, 24 MB never finished).
    TempDir dir;
    std::string line;
    for (std::size_t i = 0; i < scaled(1500000) / 10; ++i) line += "Ã©â€™";
    const auto run = run_on_file(dir, "mojibake.txt", line + "\n", {"--only-decode"});
    check_survived(run, "mojibake.txt");
    CHECK(run.status == 0);
    CHECK(run.out.find("é’é’") != std::string::npos);  // repaired
    const auto html = run_on_file(dir, "mojibake.html", "<p>" + line + "</p>");
    check_survived(html, "mojibake.html");
    CHECK(html.status == 0);
}

TEST_CASE("hostile cli: a truncated gzip stream", "[hostile][cli]") {
    TempDir dir;
    std::string gz;
    winnow::input::append_gzip_member(gz, kArticle + repeated("<p>" + kSentence + "</p>", 200));
    gz.resize(gz.size() / 2);
    // The CLI reads it as the bytes it is: refused by name as binary, or cleaned; never a signal.
    const auto run = run_on_file(dir, "page.html.gz", gz);
    check_survived(run, "page.html.gz");
    // The input reader decompresses it and names the file and the damage.
    write_file(dir.path() / "cut.gz", gz);
    try {
        auto opened = winnow::input::open_input((dir.path() / "cut.gz").string());
        (void)winnow::input::read_all(*opened.source, std::size_t{1} << 30);
        FAIL("a truncated gzip stream read without an error");
    } catch (const winnow::Error& e) {
        CHECK(e.kind() == winnow::Error::Kind::Unreadable);
        CHECK(std::string(e.what()).find("cut.gz") != std::string::npos);
    }
}

TEST_CASE("hostile cli: a declared charset iconv does not know", "[hostile][cli]") {
    TempDir dir;
    const std::string page = "<html><head><meta charset=\"x-no-such-charset\"></head><body><p>" + kSentence +
                             "</p></body></html>";
    const auto meta = run_on_file(dir, "meta.html", page);
    check_survived(meta, "meta.html");
    CHECK(meta.status == 0);
    CHECK(meta.out.find(kSentence) != std::string::npos);
    const std::string content_type = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=klingon-8\">"
                                     "</head><body><p>" + kSentence + "\xE9</p></body></html>";
    const auto late = run_on_file(dir, "content-type.html", content_type);
    check_survived(late, "content-type.html");
    CHECK(late.status == 0);
    // On the command line it is a usage error, which names the label.
    write_file(dir.path() / "plain.txt", kSentence);
    const auto flag = run_winnow_bounded({"--charset", "x-no-such-charset", (dir.path() / "plain.txt").string()});
    REQUIRE_FALSE(flag.timed_out);
    REQUIRE(flag.signal == 0);
    if (flag.status != 0) CHECK(flag.err.find("x-no-such-charset") != std::string::npos);
}

TEST_CASE("hostile cli: a directory as an input", "[hostile][cli]") {
    // The CLI is to read directories as batch inputs; here only: it ends, and never by a signal.
    TempDir dir;
    std::filesystem::create_directory(dir.path() / "pages");
    write_file(dir.path() / "pages" / "a.html", kArticle);
    const auto run = run_winnow_bounded({(dir.path() / "pages").string()});
    REQUIRE_FALSE(run.timed_out);
    CHECK(run.signal == 0);
}

TEST_CASE("hostile cli: an unreadable file is named, the other inputs still cleaned", "[hostile][cli]") {
    TempDir dir;
    const auto locked = dir.path() / "locked.html";
    write_file(locked, kArticle);
    write_file(dir.path() / "open.html", kArticle);
    ::chmod(locked.c_str(), 0);
    if (::geteuid() == 0 || ::access(locked.c_str(), R_OK) == 0) {
        WARN("skipped: running as root, a mode-000 file is still readable");
        return;
    }
    const auto run = run_winnow_bounded({locked.string(), (dir.path() / "open.html").string()});
    check_survived(run, "locked.html");
    CHECK(run.status == 1);
    CHECK(run.err.find("locked.html") != std::string::npos);
    CHECK(run.out.find(kSentence) != std::string::npos);
}

TEST_CASE("hostile input: a WARC with lying lengths", "[hostile][warc]") {
    using namespace winnow::input;
    auto record = [](const std::string& length_field, const std::string& block) {
        return "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
               "WARC-Date: 2026-12-05T15:00:00Z\r\nWARC-Target-URI: http://example.com/\r\n"
               "Content-Type: text/html\r\nContent-Length: " + length_field + "\r\n\r\n" + block + "\r\n\r\n";
    };
    const std::string good = record(std::to_string(kArticle.size()), kArticle);
    auto http = [](const std::string& fields, const std::string& body) {
        const std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + fields + "\r\n" + body;
        return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000002>\r\n"
               "WARC-Date: 2026-12-05T15:00:00Z\r\nWARC-Target-URI: http://example.com/h\r\n"
               "Content-Type: application/http; msgtype=response\r\nContent-Length: " + std::to_string(block.size()) +
               "\r\n\r\n" + block + "\r\n\r\n";
    };
    const std::string liars[] = {
        record("18446744073709551615", kArticle),                     // 2^64 - 1
        record("99999999999999999999999", kArticle),                  // past 64 bits
        record("-5", kArticle),
        record("0x40", kArticle),
        record(std::to_string(kArticle.size() + 100000), kArticle),   // past the end of the file
        record("3", kArticle),                                        // far too short
        http("Transfer-Encoding: chunked\r\n", "ffffffffffffffffff\r\nabc\r\n0\r\n\r\n"),
        http("Transfer-Encoding: chunked\r\n", "7fffffff\r\nabc"),
        http("Content-Length: 999999999\r\n", kArticle),
        http("Content-Encoding: gzip\r\n", "\x1f\x8b\x08\x00garbage"),
    };
    for (const std::string& liar : liars) {
        const std::string archive = good + liar + good;
        MemorySource source(archive, "liar.warc");
        WarcReader reader(source);
        WarcRecord r;
        int documents = 0, records = 0;
        while (reader.next(r) && records < 100) {
            ++records;
            if (r.outcome == RecordOutcome::document && r.payload == kArticle) ++documents;
            if (r.outcome != RecordOutcome::document) CHECK(r.message().find("liar.warc") != std::string::npos);
        }
        INFO(liar.substr(0, 300));
        CHECK(documents >= 1);  // the good record before the liar always; after it, when the liar's length lets it be found
        CHECK(records <= 4);
    }
}
