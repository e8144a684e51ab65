// A driver for the libFuzzer targets without libFuzzer: feeds every file named on the command line
// (folders are walked) to LLVMFuzzerTestOneInput once. It lets the normal build compile the fuzz
// targets, and a ctest replay the seed corpus through them, so they cannot rot between fuzz runs.
#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <cstddef>
#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv)
{
    int fed = 0;
    auto feed = [&fed](const QString& path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        const QByteArray bytes = f.readAll();
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.constData()),
                               static_cast<size_t>(bytes.size()));
        ++fed;
        return true;
    };
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (QFileInfo(arg).isDir()) {
            QDirIterator it(arg,
                            {QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*.json")},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                feed(it.next());
        } else if (!feed(arg)) {
            std::fprintf(stderr, "cannot read %s\n", argv[i]);
            return 2;
        }
    }
    std::printf("fuzz replay: %d inputs, no crash\n", fed);
    return fed > 0 ? 0 : 1;
}
