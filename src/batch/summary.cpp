// Counting verdicts and printing the totals as JSON and as text.
#include "batch/summary.h"

#include <cstdio>

#include "write/json_string.h"

namespace winnow::batch {

using write::append_json_string;

namespace {

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

}  // namespace

const char* status_name(Status status) {
    switch (status) {
        case Status::cleaned: return "cleaned";
        case Status::skipped: return "skipped";
        case Status::failed: break;
    }
    return "failed";
}

void Summary::add(const Verdict& verdict, std::string_view name, std::uint64_t input_bytes, std::uint64_t output_bytes) {
    ++seen;
    bytes_in += input_bytes;
    switch (verdict.status) {
        case Status::cleaned:
            ++cleaned;
            bytes_out += output_bytes;
            break;
        case Status::skipped:
            ++skipped;
            ++skipped_by_reason[verdict.reason];
            break;
        case Status::failed: {
            ++failed;
            Failures& failures = failed_by_reason[verdict.reason];
            ++failures.count;
            if (failures.first.size() < names_kept)
                failures.first.push_back(std::string(name) + (verdict.detail.empty() ? "" : ": " + verdict.detail));
            break;
        }
    }
}

double Summary::documents_per_second() const {
    return elapsed_seconds > 0 ? static_cast<double>(seen) / elapsed_seconds : 0.0;
}

void append_summary_json(std::string& out, const Summary& summary) {
    out += "{\"seen\":" + std::to_string(summary.seen) + ",\"cleaned\":" + std::to_string(summary.cleaned) +
           ",\"skipped\":" + std::to_string(summary.skipped) + ",\"failed\":" + std::to_string(summary.failed) +
           ",\"skipped_by_reason\":{";
    bool first = true;
    for (const auto& [reason, count] : summary.skipped_by_reason) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, reason);
        out += ':' + std::to_string(count);
    }
    out += "},\"failed_by_reason\":{";
    first = true;
    for (const auto& [reason, failures] : summary.failed_by_reason) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, reason);
        out += ":{\"count\":" + std::to_string(failures.count) + ",\"first\":[";
        for (std::size_t i = 0; i < failures.first.size(); ++i) {
            if (i > 0) out += ',';
            append_json_string(out, failures.first[i]);
        }
        out += "]}";
    }
    out += "},\"bytes_in\":" + std::to_string(summary.bytes_in) + ",\"bytes_out\":" + std::to_string(summary.bytes_out) +
           ",\"elapsed_seconds\":" + number(summary.elapsed_seconds) +
           ",\"documents_per_second\":" + number(summary.documents_per_second()) + ",\"interrupted\":";
    if (summary.interrupted.empty()) out += "null";
    else append_json_string(out, summary.interrupted);
    out += '}';
}

std::string summary_text(const Summary& summary) {
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.1f s, %.1f docs/s", summary.elapsed_seconds, summary.documents_per_second());
    std::string text = std::to_string(summary.seen) + (summary.seen == 1 ? " document: " : " documents: ") +
                       std::to_string(summary.cleaned) + " cleaned, " + std::to_string(summary.skipped) + " skipped, " +
                       std::to_string(summary.failed) + " failed; " + human_bytes(summary.bytes_in) + " in, " +
                       human_bytes(summary.bytes_out) + " out; " + rate + "\n";
    if (!summary.interrupted.empty())
        text += "  interrupted by " + summary.interrupted + ": inputs not yet read were left out; finished outputs kept\n";
    for (const auto& [reason, count] : summary.skipped_by_reason)
        text += "  skipped: " + std::to_string(count) + " " + reason + "\n";
    for (const auto& [reason, failures] : summary.failed_by_reason) {
        text += "  failed: " + std::to_string(failures.count) + " " + reason;
        for (std::size_t i = 0; i < failures.first.size(); ++i) text += (i == 0 ? " (" : "; ") + failures.first[i];
        if (!failures.first.empty()) text += failures.count > failures.first.size() ? "; …)" : ")";
        text += "\n";
    }
    return text;
}

std::string human_bytes(std::uint64_t bytes) {
    const char* units[] = {"B", "kB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1000 && unit < 4) {
        value /= 1000;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

}  // namespace winnow::batch
