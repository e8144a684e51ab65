#include "TestSupport.h"
#include "kube/ImageRef.h"
#include "kube/ManifestParser.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace tollgate;

class TestManifestParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void multiDocumentLines()
    {
        const QByteArray y = "# comment\n"
                             "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n"
                             "---\n"
                             "---\n" // empty document
                             "# Source: chart/templates/svc.yaml\n"
                             "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: a\n"
                             "spec:\n  ports: [80, 443]\n";
        auto r = ManifestParser::parse(QStringLiteral("f.yaml"), y, ManifestParser::Mode::Strict);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(r->objects.size(), 2);
        QCOMPARE(r->objects[0].line, 2);
        QCOMPARE(r->objects[1].line, 9);
        QCOMPARE(r->objects[1].body[QLatin1String("spec")][QLatin1String("ports")].toArray().size(), 2);
    }

    void scalarTypes()
    {
        const QByteArray y =
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"
            "data: {a: \"8080\", b: 8080, c: true, d: 'true', e: ~, f: 1.5, g: 0x10, h: http, i: 010}\n";
        auto r = ManifestParser::parse(QStringLiteral("f.yaml"), y, ManifestParser::Mode::Strict);
        QVERIFY(r);
        const QJsonObject d = r->objects[0].body[QLatin1String("data")].toObject();
        QVERIFY(d[QLatin1String("a")].isString());
        QCOMPARE(d[QLatin1String("b")].toInt(), 8080);
        QCOMPARE(d[QLatin1String("c")].toBool(), true);
        QVERIFY(d[QLatin1String("d")].isString());
        QVERIFY(d[QLatin1String("e")].isNull());
        QCOMPARE(d[QLatin1String("f")].toDouble(), 1.5);
        QCOMPARE(d[QLatin1String("g")].toInt(), 16);
        QCOMPARE(d[QLatin1String("h")].toString(), QStringLiteral("http"));
        QCOMPARE(d[QLatin1String("i")].toInt(), 10);
    }

    void tabsInsideFlowSequence()
    {
        // Kubernetes' own parser accepts a TAB before items of a flow sequence (peer case
        // acs-security-demos-added-workloads relies on it).
        const QByteArray y =
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n"
            "    spec:\n      containers:\n      - name: c\n        args: [\n\t            \"-a\",\n"
            "\t            \"-b\"]\n";
        auto r = ManifestParser::parse(QStringLiteral("f.yaml"), y, ManifestParser::Mode::Strict);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(r->objects.size(), 1);
    }

    void listWithItemLines()
    {
        const QByteArray y = "apiVersion: v1\nkind: List\nitems:\n"
                             "- apiVersion: v1\n  kind: Pod\n  metadata: {name: p1}\n"
                             "- apiVersion: v1\n  kind: Pod\n  metadata: {name: p2}\n";
        auto r = ManifestParser::parse(QStringLiteral("f.yaml"), y, ManifestParser::Mode::Strict);
        QVERIFY(r);
        QCOMPARE(r->objects.size(), 2);
        QCOMPARE(r->objects[0].line, 4);
        QCOMPARE(r->objects[1].line, 7);
    }

    void jsonList()
    {
        const QByteArray j =
            "{\n \"apiVersion\": \"v1\",\n \"kind\": \"List\",\n \"metadata\": {},\n \"items\": [\n"
            "  {\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}},\n"
            "  {\"apiVersion\": \"v1\", \"kind\": \"Pod\",\n   \"metadata\": {\"name\": \"b\"}}\n ]\n}\n";
        auto r = ManifestParser::parse(QStringLiteral("f.json"), j, ManifestParser::Mode::Strict);
        QVERIFY(r);
        QCOMPARE(r->objects.size(), 2);
        QCOMPARE(r->objects[0].line, 6);
        QCOMPARE(r->objects[1].line, 7);
        QCOMPARE(r->objects[1].body[QLatin1String("metadata")][QLatin1String("name")].toString(),
                 QStringLiteral("b"));
    }

    void syntaxErrorNamesLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::newRow("unclosed flow map")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n---\n"
                          "apiVersion: v1\nkind: Service\nmetadata: {name: x\n  bad: [\n")
            << 9;
        QTest::newRow("percent") << QByteArray("apiVersion: v1\nkind: Pod\nmetadata:\n  name: %oops\n") << 4;
        QTest::newRow("json") << QByteArray("{\n \"apiVersion\": \"v1\",\n \"kind\": \n}\n") << 4;
    }

    void syntaxErrorNamesLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        auto r = ManifestParser::parse(QStringLiteral("bad.yaml"), text, ManifestParser::Mode::Strict);
        QVERIFY(!r);
        QCOMPARE(r.error().file(), QStringLiteral("bad.yaml"));
        QCOMPARE(r.error().line(), line);
        QVERIFY(r.error().what().contains(QLatin1String("syntax error")));
    }

    void skipInvalidKeepsTheRest()
    {
        const QByteArray y = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\nkind: [\n---\n"
                             "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\n---\njust a string\n";
        auto skip = ManifestParser::parse(QStringLiteral("f.yaml"), y, ManifestParser::Mode::SkipInvalid);
        QVERIFY(skip);
        QCOMPARE(skip->objects.size(), 2);
        QCOMPARE(skip->skipped.size(), 2);
        QCOMPARE(skip->skipped[0].line, 5);
        QVERIFY(skip->skipped[1].reason.contains(QLatin1String("not a Kubernetes object")));

        auto before =
            ManifestParser::parse(QStringLiteral("f.yaml"), y, ManifestParser::Mode::KeepBeforeError);
        QVERIFY(before);
        QCOMPARE(before->objects.size(), 1);
        QVERIFY(!before->warnings.isEmpty());
    }

    void aliasBombRefusedQuickly()
    {
        const QByteArray bomb =
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n"
            "  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            "  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            "  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
            "  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
            "  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
        auto r = ManifestParser::parse(QStringLiteral("bomb.yaml"), bomb, ManifestParser::Mode::Strict);
        QVERIFY(!r);
        QVERIFY(r.error().what().contains(QLatin1String("alias bomb")));
        QCOMPARE(r.error().line(), 1);

        // Ordinary anchors still work.
        const QByteArray ok = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, labels: &l {a: b}}\n"
                              "data: {copy: *l}\n";
        QVERIFY(ManifestParser::parse(QStringLiteral("ok.yaml"), ok, ManifestParser::Mode::Strict));
    }

    void secretValuesDroppedAtParse()
    {
        const QByteArray y =
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations:\n"
            "    kubectl.kubernetes.io/last-applied-configuration: '{\"stringData\":{\"p\":\"CANARY1\"}}'\n"
            "    keep: me\n"
            "  managedFields: [{manager: kubectl}]\n"
            "type: Opaque\ndata: {p: Q0FOQVJZMg==}\nstringData: {q: CANARY3}\n";
        auto r = ManifestParser::parse(QStringLiteral("s.yaml"), y, ManifestParser::Mode::Strict);
        QVERIFY(r);
        const QJsonObject o = r->objects[0].body;
        QVERIFY(!o.contains(QLatin1String("data")));
        QVERIFY(!o.contains(QLatin1String("stringData")));
        const QJsonObject meta = o[QLatin1String("metadata")].toObject();
        QVERIFY(!meta.contains(QLatin1String("managedFields")));
        QCOMPARE(meta[QLatin1String("annotations")].toObject().size(), 1);
        QCOMPARE(o[QLatin1String("type")].toString(), QStringLiteral("Opaque"));
    }

    void imageReferences_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("digest");
        QTest::newRow("ironbank") << "registry1.dso.mil/ironbank/opensource/nginx/nginx:1.25.3@sha256:abcd"
                                  << "registry1.dso.mil"
                                  << "ironbank/opensource/nginx/nginx"
                                  << "1.25.3"
                                  << "sha256:abcd";
        QTest::newRow("hub short") << "nginx"
                                   << "docker.io"
                                   << "library/nginx"
                                   << ""
                                   << "";
        QTest::newRow("hub org") << "grafana/grafana:10.2.0"
                                 << "docker.io"
                                 << "grafana/grafana"
                                 << "10.2.0"
                                 << "";
        QTest::newRow("port registry") << "localhost:5000/app@sha256:ff"
                                       << "localhost:5000"
                                       << "app"
                                       << ""
                                       << "sha256:ff";
        QTest::newRow("gcr") << "gcr.io/google-samples/microservices-demo/emailservice:v0.2.3"
                             << "gcr.io"
                             << "google-samples/microservices-demo/emailservice"
                             << "v0.2.3"
                             << "";
    }

    void imageReferences()
    {
        QFETCH(QString, ref);
        const ImageRef r = ImageRef::parse(ref);
        QTEST(r.registry(), "registry");
        QTEST(r.repository(), "repository");
        QTEST(r.tag(), "tag");
        QTEST(r.digest(), "digest");
    }
};

QTEST_GUILESS_MAIN(TestManifestParser)
#include "tst_manifestparser.moc"
