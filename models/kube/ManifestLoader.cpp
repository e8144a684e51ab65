#include "kube/ManifestLoader.h"

#include "io/SourceReader.h"

namespace tollgate {

Result<ManifestLoader::Output> ManifestLoader::load(const QStringList& paths, ManifestParser::Mode mode)
{
    auto sources = SourceReader::enumerate(paths);
    if (!sources)
        return sources.error();
    Output out;
    for (SourceFile& f : sources.value()) {
        if (auto s = SourceReader::load(f); !s) {
            out.warnings << s.error();
            continue;
        }
        auto parsed = ManifestParser::parse(f.path, f.bytes, mode);
        if (!parsed) {
            if (mode == ManifestParser::Mode::Strict)
                return parsed.error();
            out.warnings << parsed.error();
            continue;
        }
        out.objects << parsed->objects;
        out.warnings << parsed->warnings;
    }
    return out;
}

} // namespace tollgate
