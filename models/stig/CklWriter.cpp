#include "stig/CklWriter.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUuid>
#include <QXmlStreamWriter>

namespace tollgate {

namespace {

// XML 1.0 has no place for most control characters (an evidence line could carry one): drop them,
// so the file always reads back; the CKLB drops them too, so both formats say the same.
QString clean(const QString& s)
{
    QString out;
    out.reserve(s.size());
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u >= 0x20 || u == u'\t' || u == u'\n' || u == u'\r')
            if (u != 0xFFFE && u != 0xFFFF)
                out.append(c);
    }
    return out;
}

QString stigRef(const StigChecklist& c)
{
    return QStringLiteral("%1 :: Version %2, %3").arg(c.benchmarkTitle, c.version, c.releaseInfo);
}

void writePair(QXmlStreamWriter& xml, const char* outer, const char* nameTag, const char* dataTag,
               const QString& name, const QString& data)
{
    xml.writeStartElement(QLatin1String(outer));
    xml.writeTextElement(QLatin1String(nameTag), name);
    xml.writeTextElement(QLatin1String(dataTag), clean(data));
    xml.writeEndElement();
}

void stigData(QXmlStreamWriter& xml, const char* attribute, const QString& data)
{
    writePair(xml, "STIG_DATA", "VULN_ATTRIBUTE", "ATTRIBUTE_DATA", QLatin1String(attribute), data);
}

} // namespace

QString CklWriter::cklbStatus(const QString& status)
{
    if (status == QLatin1String("Open"))
        return QStringLiteral("open");
    if (status == QLatin1String("NotAFinding"))
        return QStringLiteral("not_a_finding");
    if (status == QLatin1String("Not_Applicable"))
        return QStringLiteral("not_applicable");
    return QStringLiteral("not_reviewed");
}

QByteArray CklWriter::ckl(const StigChecklist& c)
{
    QByteArray bytes;
    QXmlStreamWriter xml(&bytes);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeComment(QStringLiteral("Tollgate %1").arg(QStringLiteral(TOLLGATE_VERSION)));
    xml.writeStartElement(QStringLiteral("CHECKLIST"));

    xml.writeStartElement(QStringLiteral("ASSET"));
    xml.writeTextElement(QStringLiteral("ROLE"), clean(c.asset.role));
    xml.writeTextElement(QStringLiteral("ASSET_TYPE"), clean(c.asset.assetType));
    xml.writeTextElement(QStringLiteral("MARKING"), clean(c.asset.marking));
    xml.writeTextElement(QStringLiteral("HOST_NAME"), clean(c.asset.hostName));
    xml.writeTextElement(QStringLiteral("HOST_IP"), QString());
    xml.writeTextElement(QStringLiteral("HOST_MAC"), QString());
    xml.writeTextElement(QStringLiteral("HOST_FQDN"), QString());
    xml.writeTextElement(QStringLiteral("TARGET_COMMENT"), clean(c.asset.comment));
    xml.writeTextElement(QStringLiteral("TECH_AREA"), clean(c.asset.techArea));
    xml.writeTextElement(QStringLiteral("TARGET_KEY"), QString());
    xml.writeTextElement(QStringLiteral("WEB_OR_DATABASE"), QStringLiteral("false"));
    xml.writeTextElement(QStringLiteral("WEB_DB_SITE"), QString());
    xml.writeTextElement(QStringLiteral("WEB_DB_INSTANCE"), QString());
    xml.writeEndElement(); // ASSET

    xml.writeStartElement(QStringLiteral("STIGS"));
    xml.writeStartElement(QStringLiteral("iSTIG"));
    xml.writeStartElement(QStringLiteral("STIG_INFO"));
    auto si = [&](const char* name, const QString& data) {
        writePair(xml, "SI_DATA", "SID_NAME", "SID_DATA", QLatin1String(name), data);
    };
    si("version", c.version);
    si("classification", QStringLiteral("UNCLASSIFIED"));
    si("customname", QString());
    si("stigid", c.benchmarkId);
    si("description", c.benchmarkDescription);
    si("filename", c.fileName);
    si("releaseinfo", c.releaseInfo);
    si("title", c.benchmarkTitle);
    si("uuid", c.stigUuid);
    si("notice", QStringLiteral("terms-of-use"));
    si("source", QStringLiteral("STIG.DOD.MIL"));
    xml.writeEndElement(); // STIG_INFO

    const QString ref = stigRef(c);
    for (const StigChecklist::Entry& e : c.entries) {
        const StigBenchmark::Rule& r = e.rule;
        xml.writeStartElement(QStringLiteral("VULN"));
        stigData(xml, "Vuln_Num", r.vulnId);
        stigData(xml, "Severity", r.severity);
        stigData(xml, "Group_Title", r.groupTitle);
        stigData(xml, "Rule_ID", r.ruleId);
        stigData(xml, "Rule_Ver", r.stigId);
        stigData(xml, "Rule_Title", r.title);
        stigData(xml, "Vuln_Discuss", r.discussion);
        stigData(xml, "IA_Controls", r.iaControls);
        stigData(xml, "Check_Content", r.checkText);
        stigData(xml, "Fix_Text", r.fixText);
        stigData(xml, "False_Positives", r.falsePositives);
        stigData(xml, "False_Negatives", r.falseNegatives);
        stigData(xml, "Documentable", r.documentable);
        stigData(xml, "Mitigations", r.mitigations);
        stigData(xml, "Potential_Impact", r.potentialImpacts);
        stigData(xml, "Third_Party_Tools", r.thirdPartyTools);
        stigData(xml, "Mitigation_Control", r.mitigationControl);
        stigData(xml, "Responsibility", r.responsibility);
        stigData(xml, "Security_Override_Guidance", r.severityOverrideGuidance);
        stigData(xml, "Check_Content_Ref", r.checkRef);
        stigData(xml, "Weight", r.weight);
        stigData(xml, "Class", QStringLiteral("Unclass"));
        stigData(xml, "STIGRef", ref);
        stigData(xml, "TargetKey", QString());
        stigData(xml, "STIG_UUID", c.stigUuid);
        for (const QString& l : r.legacy)
            stigData(xml, "LEGACY_ID", l);
        for (const QString& cci : r.ccis)
            stigData(xml, "CCI_REF", cci);
        xml.writeTextElement(QStringLiteral("STATUS"), e.status);
        xml.writeTextElement(QStringLiteral("FINDING_DETAILS"), clean(e.findingDetails));
        xml.writeTextElement(QStringLiteral("COMMENTS"), clean(e.comments));
        xml.writeTextElement(QStringLiteral("SEVERITY_OVERRIDE"), e.severityOverride);
        xml.writeTextElement(QStringLiteral("SEVERITY_JUSTIFICATION"), clean(e.severityJustification));
        xml.writeEndElement(); // VULN
    }
    xml.writeEndElement(); // iSTIG
    xml.writeEndElement(); // STIGS
    xml.writeEndElement(); // CHECKLIST
    xml.writeEndDocument();
    return bytes;
}

QByteArray CklWriter::cklb(const StigChecklist& c)
{
    QJsonArray rules;
    for (const StigChecklist::Entry& e : c.entries) {
        const StigBenchmark::Rule& r = e.rule;
        QJsonObject o;
        o.insert(QStringLiteral("uuid"),
                 QUuid::createUuidV5(QUuid(c.stigUuid), r.ruleId).toString(QUuid::WithoutBraces));
        o.insert(QStringLiteral("stig_uuid"), c.stigUuid);
        o.insert(QStringLiteral("target_key"), QJsonValue::Null);
        o.insert(QStringLiteral("stig_ref"), QJsonValue::Null);
        o.insert(QStringLiteral("group_id"), r.vulnId);
        QString shortId = r.ruleId;
        if (shortId.endsWith(QLatin1String("_rule")))
            shortId.chop(5);
        o.insert(QStringLiteral("rule_id"), shortId);
        o.insert(QStringLiteral("rule_id_src"), r.ruleId);
        o.insert(QStringLiteral("weight"), r.weight);
        o.insert(QStringLiteral("classification"), QStringLiteral("UNCLASSIFIED"));
        o.insert(QStringLiteral("severity"), r.severity);
        o.insert(QStringLiteral("rule_version"), r.stigId);
        o.insert(QStringLiteral("group_title"), r.groupTitle);
        o.insert(QStringLiteral("rule_title"), r.title);
        o.insert(QStringLiteral("fix_text"), r.fixText);
        o.insert(QStringLiteral("false_positives"), r.falsePositives);
        o.insert(QStringLiteral("false_negatives"), r.falseNegatives);
        o.insert(QStringLiteral("discussion"), r.discussion);
        o.insert(QStringLiteral("check_content"), r.checkText);
        o.insert(QStringLiteral("documentable"), r.documentable);
        o.insert(QStringLiteral("mitigations"), r.mitigations);
        o.insert(QStringLiteral("potential_impacts"), r.potentialImpacts);
        o.insert(QStringLiteral("third_party_tools"), r.thirdPartyTools);
        o.insert(QStringLiteral("mitigation_control"), r.mitigationControl);
        o.insert(QStringLiteral("responsibility"), r.responsibility);
        o.insert(QStringLiteral("security_override_guidance"), r.severityOverrideGuidance);
        o.insert(QStringLiteral("ia_controls"), r.iaControls);
        o.insert(QStringLiteral("check_content_ref"),
                 QJsonObject{{QStringLiteral("href"), c.fileName}, {QStringLiteral("name"), r.checkRef}});
        o.insert(QStringLiteral("legacy_ids"), QJsonArray::fromStringList(r.legacy));
        o.insert(QStringLiteral("ccis"), QJsonArray::fromStringList(r.ccis));
        o.insert(QStringLiteral("group_tree"),
                 QJsonArray{QJsonObject{{QStringLiteral("id"), r.vulnId},
                                        {QStringLiteral("title"), r.groupTitle},
                                        {QStringLiteral("description"),
                                         QStringLiteral("<GroupDescription></GroupDescription>")}}});
        o.insert(QStringLiteral("createdAt"), c.createdAt);
        o.insert(QStringLiteral("updatedAt"), c.createdAt);
        o.insert(QStringLiteral("STIGUuid"), c.stigUuid);
        o.insert(QStringLiteral("status"), cklbStatus(e.status));
        QJsonObject overrides;
        if (!e.severityOverride.isEmpty())
            overrides.insert(QStringLiteral("severity"),
                             QJsonObject{{QStringLiteral("severity"), e.severityOverride},
                                         {QStringLiteral("reason"), clean(e.severityJustification)}});
        o.insert(QStringLiteral("overrides"), overrides);
        o.insert(QStringLiteral("comments"), clean(e.comments));
        o.insert(QStringLiteral("finding_details"), clean(e.findingDetails));
        rules.append(o);
    }
    QJsonObject stig;
    stig.insert(QStringLiteral("stig_name"), c.benchmarkTitle);
    stig.insert(QStringLiteral("display_name"), c.benchmarkTitle);
    stig.insert(QStringLiteral("stig_id"), c.benchmarkId);
    stig.insert(QStringLiteral("version"), c.version);
    stig.insert(QStringLiteral("release_info"), c.releaseInfo);
    stig.insert(QStringLiteral("uuid"), c.stigUuid);
    stig.insert(QStringLiteral("reference_identifier"), QString());
    stig.insert(QStringLiteral("size"), static_cast<int>(c.entries.size()));
    stig.insert(QStringLiteral("rules"), rules);

    QJsonObject target;
    target.insert(QStringLiteral("target_type"), c.asset.assetType);
    target.insert(QStringLiteral("host_name"), clean(c.asset.hostName));
    target.insert(QStringLiteral("ip_address"), QString());
    target.insert(QStringLiteral("mac_address"), QString());
    target.insert(QStringLiteral("fqdn"), QString());
    target.insert(QStringLiteral("comments"), clean(c.asset.comment));
    target.insert(QStringLiteral("role"), c.asset.role);
    target.insert(QStringLiteral("is_web_database"), false);
    target.insert(QStringLiteral("technology_area"), c.asset.techArea);
    target.insert(QStringLiteral("web_db_site"), QString());
    target.insert(QStringLiteral("web_db_instance"), QString());

    QJsonObject root;
    root.insert(QStringLiteral("title"),
                QString(c.asset.hostName + QStringLiteral(" - ") + c.benchmarkTitle));
    root.insert(QStringLiteral("id"), c.checklistUuid);
    root.insert(QStringLiteral("active"), false);
    root.insert(QStringLiteral("mode"), 1);
    root.insert(QStringLiteral("has_path"), true);
    root.insert(QStringLiteral("target_data"), target);
    root.insert(QStringLiteral("stigs"), QJsonArray{stig});
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Status CklWriter::write(const QString& path, const StigChecklist& checklist)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("ckl"))
        bytes = ckl(checklist);
    else if (suffix == QLatin1String("cklb"))
        bytes = cklb(checklist);
    else
        return Error(path, 0,
                     QStringLiteral("the file name must end in .ckl (STIG Viewer 2) or .cklb "
                                    "(STIG Viewer 3)"));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Error(path, 0, QStringLiteral("cannot write: %1").arg(f.errorString()));
    return {};
}

} // namespace tollgate
