// Directory walking with an explicit stack (no recursion whose depth follows the tree), symlink
// loops told apart by device and inode, and --files-from lists read a chunk at a time.
#include "input/walk.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

namespace winnow::input {
namespace {

std::string join(const std::string& directory, const std::string& name) {
    if (directory.empty()) return name;
    return directory.back() == '/' ? directory + name : directory + "/" + name;
}

std::string base_name(const std::string& path) {
    std::string trimmed = path;
    while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
    const std::size_t slash = trimmed.rfind('/');
    return slash == std::string::npos ? trimmed : trimmed.substr(slash + 1);
}

bool matches(const std::string& pattern, const std::string& relative, const std::string& name) {
    if (pattern.find('/') != std::string::npos) return fnmatch(pattern.c_str(), relative.c_str(), FNM_PATHNAME) == 0;
    return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

}  // namespace

struct InputWalker::Directory {
    std::string path;
    std::string root;
    std::string relative;
    std::pair<std::uint64_t, std::uint64_t> id;
    std::vector<std::string> names;
    std::size_t index = 0;
};

InputWalker::InputWalker(std::vector<std::string> arguments, WalkOptions options) : options_(std::move(options)) {
    auto list = std::make_shared<std::vector<std::string>>(std::move(arguments));
    auto index = std::make_shared<std::size_t>(0);
    next_argument_ = [list, index](std::string& argument) {
        if (*index == list->size()) return false;
        argument = (*list)[(*index)++];
        return true;
    };
}

InputWalker::InputWalker(std::function<bool(std::string&)> next_argument, WalkOptions options)
    : next_argument_(std::move(next_argument)), options_(std::move(options)) {}

InputWalker::~InputWalker() = default;

bool InputWalker::excluded(const std::string& relative, const std::string& name) const {
    return std::any_of(options_.excludes.begin(), options_.excludes.end(),
                       [&](const std::string& pattern) { return matches(pattern, relative, name); });
}

bool InputWalker::globbed(const std::string& relative, const std::string& name) const {
    return options_.globs.empty() ||
           std::any_of(options_.globs.begin(), options_.globs.end(),
                       [&](const std::string& pattern) { return matches(pattern, relative, name); });
}

bool InputWalker::enter_directory(const std::string& path, const std::string& root, const std::string& relative,
                                  std::uint64_t device, std::uint64_t inode, WalkEntry& entry) {
    const std::pair<std::uint64_t, std::uint64_t> id{device, inode};
    entry = WalkEntry{path, root, relative, ""};
    for (const auto& open : stack_) {
        if (open->id == id) {
            entry.problem = "symbolic link loop (leads back to " + open->path + "), not followed";
            entry.kind = WalkEntry::Problem::link_loop;
            return true;
        }
    }
    if (const auto seen = seen_directories_.find(id); seen != seen_directories_.end()) {
        entry.problem = "directory already read as " + seen->second + ", not read again";
        entry.kind = WalkEntry::Problem::already_read;
        return true;
    }
    DIR* listing = ::opendir(path.c_str());
    if (!listing) {
        entry.problem = std::string("cannot read directory: ") + std::strerror(errno);
        entry.kind = WalkEntry::Problem::unreadable;
        return true;
    }
    auto directory = std::make_unique<Directory>();
    directory->path = path;
    directory->root = root;
    directory->relative = relative;
    directory->id = id;
    for (;;) {
        errno = 0;
        const dirent* item = ::readdir(listing);
        if (!item) break;
        const std::string name = item->d_name;
        if (name != "." && name != "..") directory->names.push_back(name);
    }
    const int read_error = errno;
    ::closedir(listing);
    if (read_error != 0) {
        entry.problem = std::string("cannot read directory: ") + std::strerror(read_error);
        entry.kind = WalkEntry::Problem::unreadable;
        return true;
    }
    std::sort(directory->names.begin(), directory->names.end());
    seen_directories_.emplace(id, path);
    stack_.push_back(std::move(directory));
    return false;
}

bool InputWalker::start_argument(const std::string& argument, WalkEntry& entry) {
    if (argument == "-") {
        entry = WalkEntry{"-", "-", "-", ""};
        return true;
    }
    struct stat info {};
    if (::stat(argument.c_str(), &info) != 0) {
        entry = WalkEntry{argument, argument, base_name(argument), std::strerror(errno), WalkEntry::Problem::unreadable};
        return true;
    }
    if (S_ISDIR(info.st_mode))
        return enter_directory(argument, argument, "", static_cast<std::uint64_t>(info.st_dev),
                               static_cast<std::uint64_t>(info.st_ino), entry);
    entry = WalkEntry{argument, argument, base_name(argument), ""};
    return true;
}

bool InputWalker::next(WalkEntry& entry) {
    for (;;) {
        if (stack_.empty()) {
            std::string argument;
            if (!next_argument_(argument)) return false;
            if (start_argument(argument, entry)) return true;
            continue;
        }
        Directory& directory = *stack_.back();
        if (directory.index == directory.names.size()) {
            stack_.pop_back();
            continue;
        }
        const std::string name = directory.names[directory.index++];
        const std::string path = join(directory.path, name);
        const std::string relative = directory.relative.empty() ? name : directory.relative + "/" + name;
        const std::string root = directory.root;
        entry = WalkEntry{path, root, relative, ""};

        struct stat info {};
        if (::lstat(path.c_str(), &info) != 0) {
            entry.problem = std::strerror(errno);
            entry.kind = WalkEntry::Problem::unreadable;
            return true;
        }
        if (S_ISLNK(info.st_mode)) {
            if (!options_.follow_symlinks) continue;
            if (::stat(path.c_str(), &info) != 0) {
                entry.problem = errno == ENOENT ? "dangling symbolic link"
                                : errno == ELOOP ? "symbolic link loop, not followed"
                                                 : std::string(std::strerror(errno));
                entry.kind = errno == ELOOP ? WalkEntry::Problem::link_loop : WalkEntry::Problem::unreadable;
                return true;
            }
        }
        if (excluded(relative, name)) continue;
        if (S_ISDIR(info.st_mode)) {
            if (enter_directory(path, root, relative, static_cast<std::uint64_t>(info.st_dev),
                                static_cast<std::uint64_t>(info.st_ino), entry))
                return true;
            continue;
        }
        if (!globbed(relative, name)) continue;
        if (!S_ISREG(info.st_mode)) {
            entry.problem = "not a regular file, skipped";
            entry.kind = WalkEntry::Problem::not_regular;
            return true;
        }
        return true;
    }
}

bool PathListReader::next(std::string& path) {
    for (;;) {
        const std::size_t end = buffer_.find(separator_, pos_);
        if (end != std::string::npos || (eof_ && pos_ < buffer_.size())) {
            const std::size_t stop = end == std::string::npos ? buffer_.size() : end;
            path.assign(buffer_, pos_, stop - pos_);
            pos_ = end == std::string::npos ? buffer_.size() : end + 1;
            if (separator_ == '\n' && !path.empty() && path.back() == '\r') path.pop_back();
            if (path.empty()) continue;
            return true;
        }
        if (eof_) return false;
        buffer_.erase(0, pos_);
        pos_ = 0;
        const std::size_t old = buffer_.size();
        buffer_.resize(old + (std::size_t{64} << 10));
        const std::size_t got = source_.read(buffer_.data() + old, buffer_.size() - old);
        buffer_.resize(old + got);
        if (got == 0) eof_ = true;
    }
}

}  // namespace winnow::input
