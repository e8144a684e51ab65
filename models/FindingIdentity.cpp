#include "FindingIdentity.h"

#include "ImageRef.h"

namespace tollgate {

QString FindingIdentity::subjectOf(const Finding& f)
{
    if (f.category == QLatin1String("vulnerability") && !f.imageRef.isEmpty()) {
        const ImageRef ref = ImageRef::parse(f.imageRef);
        if (ref.isValid())
            return ref.name();
    }
    if (!f.workloadKey.isEmpty())
        return f.workloadKey;
    if (!f.imageRef.isEmpty()) {
        const ImageRef ref = ImageRef::parse(f.imageRef);
        return ref.isValid() ? ref.name() : f.imageRef;
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
