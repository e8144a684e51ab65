#include "controls/checks/Checks.h"

#include <QMap>
#include <QSet>

namespace tollgate::checks {

CheckEmitter::Subject subjectOf(const CheckContext& ctx, const WorkloadInfo& w)
{
    CheckEmitter::Subject s;
    s.kind = QStringLiteral("workload");
    s.name = CheckContext::keyOf(w);
    s.ns = w.ns;
    s.workloadKey = s.name;
    s.where = ctx.where(w.object);
    s.line = ctx.lineOf(w.object);
    return s;
}

void imageRegistry(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    perContainer(
        ctx, out, true,
        [&](const WorkloadInfo&, const ContainerInfo& c) -> QString {
            const QString full = c.image.name() + QLatin1Char('/');
            for (const QString& prefix : ctx.tailoring.approvedRegistries)
                if (full.startsWith(prefix) || c.image.reference().startsWith(prefix))
                    return {};
            if (!c.image.digest().isEmpty() && ctx.tailoring.digestAllowlist.contains(c.image.digest()))
                return {};
            return QStringLiteral(
                       "image %1 is not from an approved registry (%2) nor on the digest allow-list")
                .arg(c.image.reference(), ctx.tailoring.approvedRegistries.join(QStringLiteral(", ")));
        },
        QStringLiteral("every image from an approved registry"));
}

void imageDigest(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    perContainer(
        ctx, out, true,
        [](const WorkloadInfo&, const ContainerInfo& c) -> QString {
            return c.image.digest().isEmpty()
                       ? QStringLiteral("image %1 is not pinned by digest (field image)")
                             .arg(c.image.reference())
                       : QString();
        },
        QStringLiteral("every image pinned by @sha256 digest"));
}

void imageTag(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    perContainer(
        ctx, out, true,
        [](const WorkloadInfo&, const ContainerInfo& c) -> QString {
            if (c.image.tag() == QLatin1String("latest"))
                return QStringLiteral("image %1 uses the latest tag").arg(c.image.reference());
            if (c.image.tag().isEmpty() && c.image.digest().isEmpty())
                return QStringLiteral("image %1 has neither tag nor digest (it means latest)")
                    .arg(c.image.reference());
            return {};
        },
        QStringLiteral("no latest or untagged image"));
}

void imageVersions(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    // repository -> version (tag@digest) -> workloads
    QMap<QString, QMap<QString, QStringList>> repos;
    for (const WorkloadInfo* w : ctx.templates())
        for (const ContainerInfo& c : w->containers) {
            const QString version =
                c.image.tag() +
                (c.image.digest().isEmpty() ? QString() : QLatin1Char('@') + c.image.digest());
            QStringList& users = repos[c.image.name()][version];
            if (!users.contains(CheckContext::keyOf(*w)))
                users << CheckContext::keyOf(*w);
        }
    for (auto it = repos.cbegin(); it != repos.cend(); ++it) {
        CheckEmitter::Subject s;
        s.kind = QStringLiteral("image");
        s.name = it.key();
        s.imageRef = it.key();
        QStringList lines;
        for (auto v = it.value().cbegin(); v != it.value().cend(); ++v)
            lines << QStringLiteral("%1 in %2")
                         .arg(v.key().isEmpty() ? QStringLiteral("(untagged)") : v.key(),
                              v.value().join(QStringLiteral(", ")));
        if (it.value().size() > 1)
            out.open(s, QStringLiteral("%1 runs in %2 versions:\n%3")
                            .arg(it.key())
                            .arg(it.value().size())
                            .arg(lines.join(QLatin1Char('\n'))));
        else
            out.pass(s, QStringLiteral("%1 runs in one version: %2").arg(it.key(), lines.join(QString())));
    }
}

} // namespace tollgate::checks
