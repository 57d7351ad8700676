// Driver for scripts/eval-encoding: runs the decode stage over the encoding dev sets and prints figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "decode/convert.h"
#include "decode/decode.h"
#include "decode/detect.h"
#include "decode/charmaps.h"
#include "decode/code_points.h"
#include "decode/encoding_labels.h"
#include "decode/mojibake.h"
#include "decode/plausibility.h"

// The driver is built from src/decode alone; a deadline's expiry (never set here) throws the
// library's Error, whose constructor lives in src/api.
winnow::Error::Error(Kind kind, std::string document, std::string problem)
    : std::runtime_error(document + ": " + problem), kind_(kind), document_(std::move(document)), problem_(std::move(problem)) {}

namespace {

using namespace winnow::decode;
using winnow::Decoded;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    std::istringstream ss(line);
    while (std::getline(ss, cell, '\t')) out.push_back(cell);
    return out;
}

// The text a file decodes to under its labelled charset (a BOM, when present, decides UTF-16/32).
std::string expected_text(std::string_view bytes, const std::string& label) {
    DecodeOptions no_sniff;
    no_sniff.repair = false;
    const bool bom_label = label == "utf-16" || label == "utf-32" || label == "utf-8-sig";
    const Decoded via_bom = decode(bytes, no_sniff);
    if (via_bom.report.bom && (bom_label || via_bom.report.encoding.starts_with("UTF"))) return via_bom.text;
    std::string name = label == "utf-8-sig" ? "UTF-8" : resolve_encoding_name(label);
    if (name == "replacement") name = resolve_encoding_name(label, false);
    if (label == "utf-16") name = "UTF-16LE";
    if (label == "utf-32") name = "UTF-32LE";
    if (name.empty()) return "<unknown label " + label + ">";
    return decode_as(bytes, name, no_sniff).text;
}

std::string lowercase(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return s;
}

// detect-set ROOT MANIFEST PATH_COL CHARSET_COL FORMAT_COL(-1 = none) BROKEN_COL(-1 = none)
int detect_set(int argc, char** argv) {
    if (argc < 8) return 2;
    const std::string root = argv[2];
    std::ifstream manifest(argv[3]);
    const int path_col = std::stoi(argv[4]), charset_col = std::stoi(argv[5]);
    const int format_col = std::stoi(argv[6]), broken_col = std::stoi(argv[7]);
    std::string line;
    std::getline(manifest, line);  // header
    int total = 0, ours = 0, ours_no_prescan = 0, uchardet_ok = 0, clean_untouched = 0;
    double seconds = 0, seconds_with_repair = 0, seconds_uchardet = 0, seconds_repair_only = 0;
    std::size_t bytes_total = 0, text_total = 0;
    while (std::getline(manifest, line)) {
        const auto cells = split_tabs(line);
        const std::string& path = cells[path_col];
        const std::string label = lowercase(cells[charset_col]);
        const bool markup = format_col >= 0 && (cells[format_col] == "xml" || cells[format_col] == "html");
        const std::string bytes = read_file(root + "/" + path);
        const std::string expected = expected_text(bytes, label);

        DecodeOptions options;
        options.repair = false;
        options.is_html = markup;
        const auto start = std::chrono::steady_clock::now();
        const Decoded got = decode(bytes, options);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        bytes_total += bytes.size();
        options.is_html = false;
        const Decoded got_no_prescan = decode(bytes, options);

        const auto uchardet_start = std::chrono::steady_clock::now();
        const std::string raw = uchardet_guess(bytes);
        seconds_uchardet += std::chrono::duration<double>(std::chrono::steady_clock::now() - uchardet_start).count();
        std::string raw_name = resolve_encoding_name(raw, false);
        if (raw == "ASCII") raw_name = "UTF-8";
        const std::string raw_text = raw_name.empty() ? "" : expected_text(bytes, lowercase(raw));
        const bool ok = got.text == expected, ok2 = got_no_prescan.text == expected;
        // These documents are clean: repair must leave them as they are.
        DecodeOptions with_repair = options;
        with_repair.repair = true;
        with_repair.is_html = markup;
        const auto repair_start = std::chrono::steady_clock::now();
        const Decoded repaired = decode(bytes, with_repair);
        seconds_with_repair += std::chrono::duration<double>(std::chrono::steady_clock::now() - repair_start).count();
        const bool untouched = repaired.text == got.text;
        // The repair step alone on the decoded (clean) document: how fast clean text passes it.
        {
            std::string copy = got.text;
            const auto repair_only_start = std::chrono::steady_clock::now();
            repair_mojibake(copy);
            seconds_repair_only += std::chrono::duration<double>(std::chrono::steady_clock::now() - repair_only_start).count();
            text_total += got.text.size();
        }
        clean_untouched += untouched;
        if (!untouched) {
            std::printf("REPAIRED-CLEAN\t%s\t", path.c_str());
            for (const auto& r : repaired.report.repairs) std::printf("%s:%zu ", r.kind.c_str(), r.count);
            std::printf("\n");
        }
        const bool raw_ok = raw_text == expected;
        ++total;
        ours += ok;
        ours_no_prescan += ok2;
        uchardet_ok += raw_ok;
        const bool broken = broken_col >= 0 && cells[broken_col] == "yes";
        std::printf("%s\t%s\t%s\tchose=%s(%s)\tno-prescan=%s\tuchardet=%s%s%s\n", ok ? "ok" : "FAIL", path.c_str(),
                    label.c_str(), got.report.encoding.c_str(), got.report.decided_by.c_str(),
                    got_no_prescan.report.encoding.c_str(), raw.c_str(), raw_ok ? "" : "(wrong)",
                    broken ? "\tupstream-known-broken" : "");
    }
    std::printf("SUMMARY\tfiles=%d\twinnow=%d (%.1f%%)\twinnow-without-prescan=%d (%.1f%%)\tuchardet=%d (%.1f%%)\t"
                "detect+convert speed=%.1f MB/s (with repair %.1f MB/s; uchardet alone, detecting only: %.1f MB/s)"
                "\trepair left %d/%d documents untouched (clean text through repair alone: %.0f MB/s)\n",
                total, ours, 100.0 * ours / total, ours_no_prescan, 100.0 * ours_no_prescan / total, uchardet_ok,
                100.0 * uchardet_ok / total, bytes_total / seconds / 1e6, bytes_total / seconds_with_repair / 1e6,
                bytes_total / seconds_uchardet / 1e6, clean_untouched, total, text_total / seconds_repair_only / 1e6);
    return 0;
}

// prescan-set DIR MANIFEST: MANIFEST lines are id, file, expected, requires.
int prescan_set(int argc, char** argv) {
    if (argc < 4) return 2;
    std::ifstream manifest(argv[3]);
    std::string line;
    std::map<std::string, std::pair<int, int>> by_kind;
    while (std::getline(manifest, line)) {
        const auto cells = split_tabs(line);
        const std::string bytes = read_file(std::string(argv[2]) + "/" + cells[1]);
        DecodeOptions options;
        options.is_html = true;
        options.repair = false;
        Decoded got = decode(bytes, options);
        // What the HTML parser will do for a late <meta>: find it, then ask for one re-decode.
        if (cells[3] == "reparse") {
            const std::size_t meta = bytes.find("<meta charset=\"");
            if (meta != std::string::npos) {
                const std::size_t end = bytes.find('"', meta + 15);
                const std::string label = bytes.substr(meta + 15, end - meta - 15);
                if (auto again = redecode_for_late_meta(bytes, got.report, label, options)) got = std::move(*again);
            }
        }
        const bool ok = lowercase(got.report.encoding) == lowercase(cells[2]);
        auto& [passed, count] = by_kind[cells[3]];
        passed += ok;
        ++count;
        std::printf("%s\t%s\t%s\texpected=%s\tgot=%s(%s)\n", ok ? "ok" : "FAIL", cells[0].c_str(), cells[3].c_str(),
                    cells[2].c_str(), got.report.encoding.c_str(), got.report.decided_by.c_str());
    }
    for (const auto& [kind, counts] : by_kind) std::printf("SUMMARY\t%s\t%d/%d\n", kind.c_str(), counts.first, counts.second);
    return 0;
}

// repair-lines: each stdin line is hex-encoded UTF-8; prints the repaired text hex-encoded and the repairs.
int repair_lines() {
    std::string line;
    auto unhex = [](const std::string& h) {
        std::string s;
        for (std::size_t i = 0; i + 1 < h.size(); i += 2) s.push_back(static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16)));
        return s;
    };
    while (std::getline(std::cin, line)) {
        std::string text = unhex(line);
        const auto repairs = repair_mojibake(text);
        for (const unsigned char c : text) std::printf("%02x", c);
        std::printf("\t");
        for (const auto& r : repairs) std::printf("%s:%zu ", r.kind.c_str(), r.count);
        std::printf("\n");
    }
    return 0;
}

}  // namespace

// Speed of the stage's parts, on text built in-line so the figures are reproducible anywhere.
int bench() {
    using clock = std::chrono::steady_clock;
    auto seconds_since = [](clock::time_point t) { return std::chrono::duration<double>(clock::now() - t).count(); };
    const std::vector<std::pair<std::string, std::string>> clean_paragraphs{
        {"English (ASCII)", "The committee met on Tuesday to review the budget. Members agreed that the proposal "
                            "needed more work, and asked staff to report back next month with revised figures. "},
        {"French", "Le comité s'est réuni mardi pour examiner le budget. Les membres ont convenu que la proposition "
                   "méritait d'être retravaillée et ont demandé un rapport révisé le mois prochain. "},
        {"Russian", "Комитет собрался во вторник, чтобы рассмотреть бюджет. Члены комитета согласились, что "
                    "предложение требует доработки, и попросили представить новые цифры в следующем месяце. "},
        {"Chinese", "委员会星期二开会审议预算。成员们一致认为该提案需要进一步修改，并要求工作人员下个月提交修订后的数字。"},
    };
    for (const auto& [name, paragraph] : clean_paragraphs) {
        std::string text;
        while (text.size() < (8u << 20)) text += paragraph;
        double best = 1e9;
        bool changed = false;
        for (int run = 0; run < 3; ++run) {  // best of 3, as the whole-process figures
            std::string copy = text;
            const auto start = clock::now();
            const auto repairs = repair_mojibake(copy);
            best = std::min(best, seconds_since(start));
            changed = changed || !repairs.empty() || copy != text;
        }
        std::printf("BENCH\tclean %s through repair\t%.0f MB/s (best of 3)%s\n", name.c_str(), text.size() / best / 1e6,
                    changed ? "\t(CHANGED!)" : "");
    }
    const std::string mojibake_paragraph =
        "Le comitÃ© s'est rÃ©uni mardi pour examiner le budget. Les membres ont convenu que la proposition "
        "mÃ©ritait d'Ãªtre retravaillÃ©e et ont demandÃ© un rapport rÃ©visÃ© le mois prochain. â€œBienâ€\xc2\x9d, a dit le "
        "prÃ©sident.";
    {
        // The paragraph must really be repaired, or the figure below times a no-op.
        std::string copy = mojibake_paragraph;
        repair_mojibake(copy);
        const std::string want = clean_paragraphs[1].second.substr(0, clean_paragraphs[1].second.size() - 1) +
                                 " \u201cBien\u201d, a dit le pr\u00e9sident.";
        if (copy != want) std::printf("BENCH\tmojibake French paragraph NOT repaired as expected: %s\n", copy.c_str());
    }
    for (const auto& [name, paragraph] : std::vector<std::pair<std::string, std::string>>{
             {"mojibake French paragraph", mojibake_paragraph}, {"clean French paragraph", clean_paragraphs[1].second},
             {"clean Russian paragraph", clean_paragraphs[2].second}}) {
        // Best of several batches: on a shared machine a batch of a few milliseconds is easily
        // slowed by other work, never sped up.
        constexpr int kRounds = 2000, kBatches = 7;
        double best = 1e9;
        for (int batch = 0; batch < kBatches; ++batch) {
            const auto start = clock::now();
            for (int i = 0; i < kRounds; ++i) {
                std::string copy = paragraph;
                repair_mojibake(copy);
            }
            best = std::min(best, seconds_since(start) / kRounds);
        }
        std::printf("BENCH\trepair of a %s (%zu bytes)\t%.1f us (best of %d batches of %d)\n", name.c_str(),
                    paragraph.size(), best * 1e6, kBatches, kRounds);
    }
    return 0;
}

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "detect-set") return detect_set(argc, argv);
    if (mode == "prescan-set") return prescan_set(argc, argv);
    if (mode == "repair-lines") return repair_lines();
    if (mode == "bench") return bench();
    if (mode == "explain") {
        const std::u32string text = to_code_points(argv[2]);
        std::vector<std::string_view> encodings;
        for (const auto& c : mojibake_charmaps()) encodings.push_back(c.name());
        for (const auto e : multibyte_mojibake_encodings()) encodings.push_back(e);
        for (const auto e : encodings) {
            for (const Edit& edit : mojibake_candidates(text, e)) {
                std::printf("%s\t[%zu,%zu)\t%s -> %s\tgain=%.2f%s\n", std::string(e).c_str(), edit.begin, edit.end,
                            to_utf8(text.substr(edit.begin, edit.end - edit.begin)).c_str(),
                            to_utf8(edit.replacement).c_str(), edit.gain, edit.weak ? " weak" : "");
            }
        }
        std::string repaired = argv[2];
        for (const auto& r : repair_mojibake(repaired)) std::printf("repair %s:%zu\n", r.kind.c_str(), r.count);
        const std::u32string after = to_code_points(repaired);
        std::printf("=> %s\ncost %.2f -> %.2f (chars %zu -> %zu)\n", repaired.c_str(), implausibility(text, 0, text.size()),
                    implausibility(after, 0, after.size()), text.size(), after.size());
        return 0;
    }
    if (mode == "guess") {
        for (int i = 2; i < argc; ++i) {
            const std::string bytes = read_file(argv[i]);
            DecodeOptions options;
            options.repair = false;
            const Decoded got = decode(bytes, options);
            std::printf("%s\tuchardet=%s\twinnow=%s(%s)\n", argv[i], uchardet_guess(bytes).c_str(),
                        got.report.encoding.c_str(), got.report.decided_by.c_str());
        }
        return 0;
    }
    std::fprintf(stderr, "usage: eval_encoding detect-set|prescan-set|repair-lines ...\n");
    return 2;
}
