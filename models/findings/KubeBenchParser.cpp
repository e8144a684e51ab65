#include "findings/KubeBenchParser.h"

#include "findings/ScanText.h"
#include "findings/Severity.h"
#include "io/JsonStreamReader.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tollgate {

namespace {

// kube-bench's words to STIG Viewer statuses. WARN is a check kube-bench could not decide (manual),
// INFO only informs: both need a reviewer.
QString resultOf(const QString& status)
{
    if (status == QLatin1String("PASS"))
        return QStringLiteral("NotAFinding");
    if (status == QLatin1String("FAIL"))
        return QStringLiteral("Open");
    return QStringLiteral("Not_Reviewed");
}

} // namespace

Status KubeBenchParser::parse(const QString& path, ScanSink& sink)
{
    QStringList versions;
    QStringList nodeTypes;
    QJsonObject totals;
    Status st = JsonStreamReader::read(path,
                                       {QStringLiteral("/Controls/*/version"),
                                        QStringLiteral("/Controls/*/node_type"), QStringLiteral("/Totals")},
                                       [&](const JsonStreamReader::Element& e) {
                                           if (e.pointer == QLatin1String("/Totals"))
                                               totals = e.value.toObject();
                                           else if (e.pointer.endsWith(QLatin1String("/version")) &&
                                                    !versions.contains(e.value.toString()))
                                               versions << e.value.toString();
                                           else if (e.pointer.endsWith(QLatin1String("/node_type")) &&
                                                    !nodeTypes.contains(e.value.toString()))
                                               nodeTypes << e.value.toString();
                                           return true;
                                       });
    if (!st.ok())
        return st;
    const QString benchmark = versions.join(QStringLiteral(", "));
    ScanSubject subject;
    subject.tool = QStringLiteral("kube-bench");
    subject.kind = QStringLiteral("node");
    subject.display =
        QStringLiteral("kube-bench %1 on %2").arg(benchmark, nodeTypes.join(QStringLiteral(", ")));
    subject.key =
        QStringLiteral("kube-bench:") + benchmark + QLatin1Char('|') + nodeTypes.join(QLatin1Char('|'));
    if (Status s = sink.subject(subject); !s.ok())
        return s;

    int results = 0;
    Status failed;
    st = JsonStreamReader::read(
        path, {QStringLiteral("/Controls/*")}, [&](const JsonStreamReader::Element& e) {
            const QJsonObject control = e.value.toObject();
            const QString nodeType = control.value(QLatin1String("node_type")).toString();
            const QString version = control.value(QLatin1String("version")).toString();
            const QJsonArray tests = control.value(QLatin1String("tests")).toArray();
            for (int t = 0; t < tests.size(); ++t) {
                const QJsonObject test = tests.at(t).toObject();
                const QString section = test.value(QLatin1String("section")).toString();
                const QJsonArray list = test.value(QLatin1String("results")).toArray();
                for (int r = 0; r < list.size(); ++r) {
                    const QJsonObject res = list.at(r).toObject();
                    Finding f;
                    f.source = QStringLiteral("kube-bench");
                    f.ruleId = res.value(QLatin1String("test_number")).toString();
                    if (f.ruleId.isEmpty()) {
                        failed = Error(path, e.line,
                                       QStringLiteral("%1/tests/%2/results/%3 has no test_number")
                                           .arg(e.pointer)
                                           .arg(t)
                                           .arg(r));
                        return false;
                    }
                    const bool stig = f.ruleId.startsWith(QLatin1String("V-"));
                    f.category = stig ? QStringLiteral("stig") : QStringLiteral("cis");
                    f.title = res.value(QLatin1String("test_desc")).toString();
                    const QString status = res.value(QLatin1String("status")).toString();
                    f.result = resultOf(status);
                    // kube-bench rates nothing; an unrated result is CAT III by the ACAS rule until a
                    // reviewer overrides it.
                    f.severityOriginal = QStringLiteral("unrated");
                    f.severityCat = Severity::catFor(f.severityOriginal);
                    f.identifiers.insert(QStringLiteral("rule"), f.ruleId);
                    f.identifiers.insert(QStringLiteral("benchmark"),
                                         stig ? version : QString(QStringLiteral("CIS ") + version));
                    f.identifiers.insert(
                        QStringLiteral("section"),
                        QString(section + QLatin1Char(' ') + test.value(QLatin1String("desc")).toString()));
                    if (stig)
                        f.identifiers.insert(QStringLiteral("stig"), f.ruleId);
                    f.identifiers.insert(QStringLiteral("scored"),
                                         res.value(QLatin1String("scored")).toBool());
                    QStringList lines;
                    lines << status + (res.value(QLatin1String("scored")).toBool()
                                           ? QStringLiteral(" (scored)")
                                           : QStringLiteral(" (not scored)"));
                    const QString actual = res.value(QLatin1String("actual_value")).toString().trimmed();
                    if (!actual.isEmpty())
                        lines << QStringLiteral("Actual: ") + actual;
                    const QString expected = res.value(QLatin1String("expected_result")).toString().trimmed();
                    if (!expected.isEmpty())
                        lines << QStringLiteral("Expected: ") + expected;
                    const QString reason = res.value(QLatin1String("reason")).toString().trimmed();
                    if (!reason.isEmpty())
                        lines << QStringLiteral("Reason: ") + reason;
                    const QString audit = res.value(QLatin1String("audit")).toString().trimmed();
                    if (!audit.isEmpty())
                        lines << QStringLiteral("Audit: ") + audit;
                    const QString fix = res.value(QLatin1String("remediation")).toString().trimmed();
                    if (!fix.isEmpty())
                        lines << QStringLiteral("Fix: ") + fix;
                    f.evidence = lines.join(QLatin1Char('\n'));
                    f.subjectKind = QStringLiteral("node");
                    f.subject = nodeType + QStringLiteral(" (") +
                                control.value(QLatin1String("text")).toString() + QLatin1Char(')');
                    f.position = e.pointer + QStringLiteral("/tests/") + QString::number(t) +
                                 QStringLiteral("/results/") + QString::number(r) +
                                 QStringLiteral(" (control at line ") + QString::number(e.line) +
                                 QLatin1Char(')');
                    f.line = e.line;
                    ++results;
                    if (Status s = sink.finding(std::move(f)); !s.ok()) {
                        failed = s;
                        return false;
                    }
                }
            }
            return true;
        });
    if (!failed.ok())
        return failed;
    if (!st.ok())
        return st;
    if (!totals.isEmpty()) {
        const int counted = totals.value(QLatin1String("total_pass")).toInt() +
                            totals.value(QLatin1String("total_fail")).toInt() +
                            totals.value(QLatin1String("total_warn")).toInt() +
                            totals.value(QLatin1String("total_info")).toInt();
        if (counted != results)
            sink.note(
                QStringLiteral("the file lists %1 results but its Totals count %2: the output was trimmed or "
                               "filtered, so absent checks are not evidence of a pass")
                    .arg(results)
                    .arg(counted));
    }
    return {};
}

} // namespace tollgate
