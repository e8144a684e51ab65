#include "findings/FindingIdentity.h"

#include "kube/ImageRef.h"

namespace tollgate {

namespace {

// registry/repository of a reference, remembered for the last one asked (a scan repeats it).
QString repositoryOf(const QString& reference)
{
    thread_local QString lastIn;
    thread_local QString lastOut;
    if (reference != lastIn || reference.isEmpty()) {
        const ImageRef ref = ImageRef::parse(reference);
        lastIn = reference;
        lastOut = ref.isValid() ? ref.name() : QString();
    }
    return lastOut;
}

} // namespace

QString FindingIdentity::subjectOf(const Finding& f)
{
    if (f.category == QLatin1String("vulnerability") && !f.imageRef.isEmpty()) {
        const QString repository = repositoryOf(f.imageRef);
        if (!repository.isEmpty())
            return repository;
    }
    if (!f.workloadKey.isEmpty())
        return f.workloadKey;
    if (!f.imageRef.isEmpty()) {
        const QString repository = repositoryOf(f.imageRef);
        return repository.isEmpty() ? f.imageRef : repository;
    }
    if (!f.imageDigest.isEmpty())
        return f.imageDigest;
    return f.subject;
}

QString FindingIdentity::of(const Finding& f)
{
    const QString subject = subjectOf(f);
    if (f.category == QLatin1String("vulnerability"))
        return QStringLiteral("vuln|") + f.ruleId + QLatin1Char('|') + f.package + QLatin1Char('|') + subject;
    return f.category + QLatin1Char('|') + f.ruleId + QLatin1Char('|') + subject;
}

} // namespace tollgate
