#include "ClusterGenerator.h"

#include "io/YamlConverter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tollgate::bench {

namespace {
const char* const kTiers[] = {"web", "api", "worker", "db", "cache", "queue"};

QJsonObject meta(const QString& name, const QString& ns, const QJsonObject& labels = {})
{
    QJsonObject m{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns}};
    if (!labels.isEmpty())
        m.insert(QStringLiteral("labels"), labels);
    return m;
}

QJsonObject container(const QString& app, int port)
{
    return QJsonObject{
        {QStringLiteral("name"), app},
        {QStringLiteral("image"), QStringLiteral("registry1.dso.mil/ironbank/bench/%1:1.%2.0@sha256:%3")
                                      .arg(app)
                                      .arg(port % 7)
                                      .arg(QString(64, QLatin1Char('a' + port % 6)))},
        {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("http")},
                                                         {QStringLiteral("containerPort"), port}},
                                             QJsonObject{{QStringLiteral("name"), QStringLiteral("metrics")},
                                                         {QStringLiteral("containerPort"), 9090}}}},
        {QStringLiteral("securityContext"), QJsonObject{{QStringLiteral("runAsNonRoot"), true},
                                                        {QStringLiteral("readOnlyRootFilesystem"), true},
                                                        {QStringLiteral("allowPrivilegeEscalation"), false}}},
        {QStringLiteral("resources"),
         QJsonObject{
             {QStringLiteral("limits"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("500m")},
                                                    {QStringLiteral("memory"), QStringLiteral("256Mi")}}}}},
    };
}

// Minimal block-style YAML writer for the generated values (no quoting subtleties needed: every
// generated string is plain-safe except those we quote explicitly).
void yaml(QByteArray& out, const QJsonValue& v, int indent, bool inSeq)
{
    const QByteArray pad(indent, ' ');
    if (v.isObject() && v.toObject().isEmpty()) {
        out += "{}\n";
    } else if (v.isArray() && v.toArray().isEmpty()) {
        out += "[]\n";
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        bool first = true;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!(first && inSeq))
                out += pad;
            first = false;
            out += it.key().toUtf8() + ':';
            const QJsonValue x = it.value();
            if ((x.isObject() && !x.toObject().isEmpty()) || (x.isArray() && !x.toArray().isEmpty())) {
                out += '\n';
                yaml(out, x, indent + 2, false);
            } else {
                out += ' ';
                yaml(out, x, 0, false);
            }
        }
    } else if (v.isArray()) {
        for (const QJsonValue& x : v.toArray()) {
            out += pad + "- ";
            if (x.isObject())
                yaml(out, x, indent + 2, true);
            else {
                yaml(out, x, 0, false);
            }
        }
    } else if (v.isString()) {
        // Plain where a reader keeps it a string, quoted otherwise: like kubectl's own output.
        const QByteArray str = v.toString().toUtf8();
        const bool plain = !str.isEmpty() && !QByteArray("@`!&*|>%'\"#{}[],?-: ").contains(str[0]) &&
                           !str.contains(": ") && !str.contains(" #") &&
                           YamlConverter::plainScalar(str.toStdString()).isString();
        out += plain ? QByteArray(str + '\n') : QByteArray('"' + str + "\"\n");
    } else if (v.isDouble()) {
        out += QByteArray::number(v.toInteger()) + '\n';
    } else if (v.isBool()) {
        out += v.toBool() ? "true\n" : "false\n";
    } else {
        out += v.isArray() ? "[]\n" : "{}\n";
    }
}
} // namespace

qint64 ClusterGenerator::write(const QString& dir, const Size& size, Format format)
{
    QDir().mkpath(dir);
    qint64 total = 0;
    const int podsPerNs = size.pods / size.namespaces;
    const int svcPerNs = qMax(1, size.services / size.namespaces);
    const int polPerNs = qMax(1, size.policies / size.namespaces);
    const int deployPerNs = svcPerNs; // one Service per Deployment
    const int replicas = qMax(1, podsPerNs / deployPerNs);
    for (int n = 0; n < size.namespaces; ++n) {
        const QString ns = QStringLiteral("team-%1").arg(n, 4, 10, QLatin1Char('0'));
        QList<QJsonObject> objects;
        objects << QJsonObject{
            {QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("Namespace")},
            {QStringLiteral("metadata"),
             QJsonObject{{QStringLiteral("name"), ns},
                         {QStringLiteral("labels"),
                          QJsonObject{{QStringLiteral("team"), QStringLiteral("t%1").arg(n % 50)},
                                      {QStringLiteral("env"), QString::fromLatin1(n % 3 ? "prod" : "test")},
                                      {QStringLiteral("kubernetes.io/metadata.name"), ns}}}}}};
        for (int d = 0; d < deployPerNs; ++d) {
            const QString app = QString::fromLatin1(kTiers[d % 6]) + QString::number(d);
            const int port = 8000 + (d * 17 + n) % 900;
            const QJsonObject labels{{QStringLiteral("app"), app},
                                     {QStringLiteral("tier"), QString::fromLatin1(kTiers[d % 6])}};
            const QJsonObject podSpec{{QStringLiteral("serviceAccountName"), app},
                                      {QStringLiteral("containers"), QJsonArray{container(app, port)}}};
            objects << QJsonObject{
                {QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
                {QStringLiteral("kind"), QStringLiteral("Deployment")},
                {QStringLiteral("metadata"), meta(app, ns, labels)},
                {QStringLiteral("spec"),
                 QJsonObject{
                     {QStringLiteral("replicas"), replicas},
                     {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"),
                                                               QJsonObject{{QStringLiteral("app"), app}}}}},
                     {QStringLiteral("template"),
                      QJsonObject{
                          {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), labels}}},
                          {QStringLiteral("spec"), podSpec}}}}}};
            const QString hash =
                QStringLiteral("%1b%2c").arg(n % 97, 4, 16, QLatin1Char('0')).arg(d, 3, 16, QLatin1Char('0'));
            QJsonObject podLabels = labels;
            podLabels.insert(QStringLiteral("pod-template-hash"), hash);
            for (int r = 0; r < replicas; ++r) {
                QJsonObject m = meta(QStringLiteral("%1-%2-%3").arg(app, hash).arg(r), ns, podLabels);
                m.insert(QStringLiteral("ownerReferences"),
                         QJsonArray{QJsonObject{
                             {QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
                             {QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
                             {QStringLiteral("name"), QString(app + QLatin1Char('-') + hash)},
                             {QStringLiteral("controller"), true},
                             {QStringLiteral("uid"), QStringLiteral("uid-%1-%2-%3").arg(n).arg(d).arg(r)}}});
                objects << QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                       {QStringLiteral("kind"), QStringLiteral("Pod")},
                                       {QStringLiteral("metadata"), m},
                                       {QStringLiteral("spec"), podSpec}};
            }
            objects << QJsonObject{
                {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                {QStringLiteral("kind"), QStringLiteral("Service")},
                {QStringLiteral("metadata"), meta(app, ns)},
                {QStringLiteral("spec"),
                 QJsonObject{
                     {QStringLiteral("selector"), QJsonObject{{QStringLiteral("app"), app}}},
                     {QStringLiteral("ports"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("http")},
                                             {QStringLiteral("port"), 80},
                                             {QStringLiteral("targetPort"), QStringLiteral("http")}}}}}}};
        }
        for (int p = 0; p < polPerNs; ++p) {
            QJsonObject spec;
            const QString tier = QString::fromLatin1(kTiers[p % 6]);
            if (p == 0) {
                spec = QJsonObject{{QStringLiteral("podSelector"), QJsonObject{}},
                                   {QStringLiteral("policyTypes"),
                                    QJsonArray{QStringLiteral("Ingress"), QStringLiteral("Egress")}}};
            } else {
                QJsonArray from{
                    QJsonObject{{QStringLiteral("podSelector"),
                                 QJsonObject{{QStringLiteral("matchLabels"),
                                              QJsonObject{{QStringLiteral("tier"),
                                                           QString::fromLatin1(kTiers[(p + 1) % 6])}}}}}},
                    QJsonObject{
                        {QStringLiteral("namespaceSelector"),
                         QJsonObject{{QStringLiteral("matchExpressions"),
                                      QJsonArray{QJsonObject{
                                          {QStringLiteral("key"), QStringLiteral("team")},
                                          {QStringLiteral("operator"), QStringLiteral("In")},
                                          {QStringLiteral("values"),
                                           QJsonArray{QStringLiteral("t%1").arg((n + p) % 50),
                                                      QStringLiteral("t%1").arg((n + 2 * p) % 50)}}}}}}}}};
                QJsonArray to{QJsonObject{
                    {QStringLiteral("ipBlock"),
                     QJsonObject{{QStringLiteral("cidr"), QStringLiteral("10.%1.0.0/16").arg((n + p) % 250)},
                                 {QStringLiteral("except"),
                                  QJsonArray{QStringLiteral("10.%1.%2.0/24").arg((n + p) % 250).arg(p)}}}}}};
                spec = QJsonObject{
                    {QStringLiteral("podSelector"),
                     QJsonObject{
                         {QStringLiteral("matchLabels"), QJsonObject{{QStringLiteral("tier"), tier}}}}},
                    {QStringLiteral("policyTypes"),
                     QJsonArray{QStringLiteral("Ingress"), QStringLiteral("Egress")}},
                    {QStringLiteral("ingress"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("from"), from},
                         {QStringLiteral("ports"),
                          QJsonArray{QJsonObject{{QStringLiteral("port"), QStringLiteral("http")}},
                                     QJsonObject{{QStringLiteral("port"), 9090},
                                                 {QStringLiteral("protocol"), QStringLiteral("TCP")}}}}}}},
                    {QStringLiteral("egress"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("to"), to},
                         {QStringLiteral("ports"),
                          QJsonArray{QJsonObject{
                              {QStringLiteral("port"), 5432},
                              {QStringLiteral("endPort"),
                               (size.variant && (n * polPerNs + p) % 20 == 0) ? 5450 : 5440}}}}}}},
                };
            }
            objects << QJsonObject{
                {QStringLiteral("apiVersion"), QStringLiteral("networking.k8s.io/v1")},
                {QStringLiteral("kind"), QStringLiteral("NetworkPolicy")},
                {QStringLiteral("metadata"),
                 meta(p == 0 ? QString::fromLatin1("default-deny") : QStringLiteral("allow-%1").arg(p), ns)},
                {QStringLiteral("spec"), spec}};
        }
        auto fromJson = [](const QString& text) { return QJsonDocument::fromJson(text.toUtf8()).object(); };
        if (n < size.ingresses) {
            objects << fromJson(QStringLiteral(R"({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                "metadata": {"name": "public", "namespace": "%1"},
                "spec": {"rules": [{"host": "%1.example.mil", "http": {"paths": [{"path": "/", "pathType": "Prefix",
                    "backend": {"service": {"name": "web0", "port": {"number": 80}}}}]}}]}})")
                                    .arg(ns));
        }
        if (size.intraNamespace) {
            objects << fromJson(
                QStringLiteral(R"({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                "metadata": {"name": "allow-within", "namespace": "%1"},
                "spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"],
                         "ingress": [{"from": [{"podSelector": {}}], "ports": [{"port": "http"}, {"port": 9090}]}],
                         "egress": [{"to": [{"podSelector": {}}]}]}})")
                    .arg(ns));
        }
        if (size.mesh) {
            objects << fromJson(
                QStringLiteral(R"({"apiVersion": "security.istio.io/v1beta1", "kind": "PeerAuthentication",
                "metadata": {"name": "default", "namespace": "%1"}, "spec": {"mtls": {"mode": "%2"}}})")
                    .arg(ns, QString::fromLatin1(n % 10 ? "STRICT" : "PERMISSIVE")));
            objects << fromJson(
                QStringLiteral(R"({"apiVersion": "security.istio.io/v1beta1", "kind": "AuthorizationPolicy",
                "metadata": {"name": "allow-team", "namespace": "%1"},
                "spec": {"action": "ALLOW", "rules": [{"from": [{"source": {"namespaces": ["%1", "team-%2"]}}],
                                                      "to": [{"operation": {"ports": ["8080", "9090"], "methods": ["GET"]}}]}]}})")
                    .arg(ns)
                    .arg((n + 1) % size.namespaces, 4, 10, QLatin1Char('0')));
            objects << fromJson(
                QStringLiteral(R"({"apiVersion": "security.istio.io/v1beta1", "kind": "AuthorizationPolicy",
                "metadata": {"name": "deny-test", "namespace": "%1"},
                "spec": {"action": "DENY", "rules": [{"from": [{"source": {"principals": ["cluster.local/ns/*/sa/worker*"]}}]}]}})")
                    .arg(ns));
        }
        if (n == 0 && size.adminPolicies > 0) {
            // Cluster guardrails: ANPs by team (deny database ports from test namespaces, pass the team's
            // own traffic to the NetworkPolicies, allow DNS to a resolver block), and a baseline that
            // denies what test namespaces send when nothing else decided.
            for (int a = 0; a < size.adminPolicies; ++a) {
                objects << fromJson(
                    QStringLiteral(
                        R"({"apiVersion": "policy.networking.k8s.io/v1alpha1", "kind": "AdminNetworkPolicy",
                    "metadata": {"name": "guard-%1"},
                    "spec": {"priority": %1,
                      "subject": {"namespaces": {"matchLabels": {"team": "t%2"}}},
                      "ingress": [
                        {"name": "deny-db-from-test", "action": "Deny",
                         "from": [{"namespaces": {"matchLabels": {"env": "test"}}}],
                         "ports": [{"portRange": {"protocol": "TCP", "start": 5432, "end": 5440}}]},
                        {"name": "pass-team", "action": "Pass",
                         "from": [{"namespaces": {"matchLabels": {"team": "t%2"}}}]}],
                      "egress": [
                        {"name": "allow-dns", "action": "Allow",
                         "to": [{"networks": ["192.168.%3.0/24"]}],
                         "ports": [{"portNumber": {"protocol": "UDP", "port": 53}}]}]}})")
                        .arg(a)
                        .arg(a % 50)
                        .arg(a % 250));
            }
            objects << fromJson(QStringLiteral(
                R"({"apiVersion": "policy.networking.k8s.io/v1alpha1", "kind": "BaselineAdminNetworkPolicy",
                "metadata": {"name": "default"},
                "spec": {"subject": {"namespaces": {}},
                  "ingress": [{"name": "deny-from-test", "action": "Deny",
                               "from": [{"namespaces": {"matchLabels": {"env": "test"}}}]}]}})"));
        }
        QByteArray bytes;
        if (format == Format::Json) {
            QJsonArray items;
            for (const QJsonObject& o : objects)
                items.append(o);
            bytes = QJsonDocument(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                              {QStringLiteral("kind"), QStringLiteral("List")},
                                              {QStringLiteral("items"), items}})
                        .toJson(QJsonDocument::Indented);
        } else {
            for (const QJsonObject& o : objects) {
                bytes += "---\n";
                yaml(bytes, o, 0, false);
            }
        }
        QFile f(QDir(dir).filePath(
            ns + (format == Format::Json ? QStringLiteral(".json") : QStringLiteral(".yaml"))));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(f.fileName()));
        f.write(bytes);
        total += bytes.size();
    }
    return total;
}

} // namespace tollgate::bench
