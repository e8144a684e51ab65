#include "controls/CheckEmitter.h"

#include "findings/Severity.h"

#include <QJsonArray>

namespace tollgate {

void CheckEmitter::add(const Subject& s, const QString& result, const QString& evidence)
{
    Finding f;
    f.source = QStringLiteral("tollgate");
    f.category = QStringLiteral("control");
    f.ruleId = m_control.id;
    f.title = m_control.title;
    f.result = result;
    f.severityCat = m_control.cat;
    f.severityOriginal = Severity::label(m_control.cat);
    f.subjectKind = s.kind;
    f.subject = s.name;
    f.ns = s.ns;
    f.workloadKey = s.workloadKey;
    f.imageRef = s.imageRef;
    f.identifiers.insert(QStringLiteral("control"), m_control.id);
    if (!m_control.nist.isEmpty())
        f.identifiers.insert(QStringLiteral("nist"), QJsonArray::fromStringList(m_control.nist));
    QStringList disa;
    for (const Control::Disa& d : m_control.disa)
        disa << d.id + QStringLiteral(" (") + d.benchmark + QLatin1Char(')');
    if (!disa.isEmpty())
        f.identifiers.insert(QStringLiteral("disa"), QJsonArray::fromStringList(disa));
    if (!m_control.family().isEmpty())
        f.identifiers.insert(QStringLiteral("family"), m_control.family());
    f.evidence = evidence;
    if (result == QLatin1String("Open") && !m_control.fix.isEmpty())
        f.evidence += QStringLiteral("\nFix: ") + m_control.fix;
    f.position = s.where.isEmpty() ? QStringLiteral("snapshot") : s.where;
    f.line = s.line;
    m_findings << f;
}

void CheckEmitter::open(const Subject& s, const QString& evidence)
{
    add(s, QStringLiteral("Open"), evidence);
}

void CheckEmitter::pass(const Subject& s, const QString& evidence)
{
    add(s, QStringLiteral("NotAFinding"), evidence);
}

void CheckEmitter::notReviewed(const Subject& s, const QString& reason)
{
    add(s, QStringLiteral("Not_Reviewed"), reason);
}

void CheckEmitter::notApplicable(const Subject& s, const QString& reason)
{
    add(s, QStringLiteral("Not_Applicable"), reason);
}

} // namespace tollgate
