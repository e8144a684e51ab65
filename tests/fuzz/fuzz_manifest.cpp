// libFuzzer target: every byte string given to the manifest parser must return a value or an error,
// never crash, hang or grow without bound; what parses also goes through the inventory and the
// connectivity engine. Build and run with tests/fuzz/run-fuzz.sh (clang, libFuzzer, ASan, UBSan).
#include "kube/InventoryBuilder.h"
#include "kube/ManifestParser.h"
#include "network/ConnectivityEngine.h"

#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    for (auto mode : {tollgate::ManifestParser::Mode::Strict, tollgate::ManifestParser::Mode::SkipInvalid,
                      tollgate::ManifestParser::Mode::KeepBeforeError}) {
        auto parsed = tollgate::ManifestParser::parse(QStringLiteral("fuzz.yaml"), bytes, mode);
        if (!parsed || parsed->objects.size() > 200)
            continue;
        (void)tollgate::InventoryBuilder::build(parsed->objects);
        (void)tollgate::ConnectivityEngine::compute(parsed->objects);
    }
    return 0;
}
