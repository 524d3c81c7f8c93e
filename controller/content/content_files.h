// content_files.h: the content directory a hall manager edits (docs/content.md):
// hall.toml, departments.toml, windows.toml, staff.toml, standards.toml,
// pledges.toml, notices.toml, screens.toml, playlists.toml and photos/.
// read_content_dir() turns it into the wire bundle of content.import (TOML
// syntax errors name the file, line and column); write_content_dir() writes a
// content.export bundle back as the same files, built as toml++ tables and
// written by its formatter (keys quoted where TOML needs it, fields in key
// order), so any text survives and export -> import -> export gives
// identical files.
// Threading: the calling thread; touches only the given directory.
#pragma once

#include <filesystem>

#include "common/wire/codec.h"

namespace controller::content {

hall::Result<hall::Json> read_content_dir(const std::filesystem::path& dir);

// Refuses a directory that exists and is not empty (so no stale photo or
// file is mixed in); creates it otherwise.
hall::Status write_content_dir(const std::filesystem::path& dir, const hall::Json& wire);

}  // namespace controller::content
