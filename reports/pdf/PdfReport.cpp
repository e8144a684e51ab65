#include "reports/pdf/PdfReport.h"

#include "base/Logging.h"
#include "base/Sha256.h"
#include "diagram/GraphPainter.h"
#include "reports/content/ReportColumns.h"
#include "reports/pdf/PdfLayout.h"
#include "reports/pdf/PdfTable.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSet>
#include <QSvgRenderer>
#include <QtMath>

namespace tollgate::reports {

namespace {
using Font = PdfLayout::Font;
constexpr int kDpi = 600;
const QColor kRule(0x50, 0x60, 0x78);
const QColor kMuted(0x55, 0x55, 0x55);

struct TocEntry
{
    QString title;
    int level = 0;
    int page = 0; // index in the document's pages
};

QString joined(const QJsonArray& a, const QString& sep)
{
    QStringList parts;
    for (const QJsonValue& v : a)
        parts << PdfReport::cellText(v);
    return parts.join(sep);
}

QString decisionText(const QJsonObject& d)
{
    QString s =
        d.value(QLatin1String("decided_at")).toString().left(16).replace(QLatin1Char('T'), QLatin1Char(' ')) +
        QLatin1Char(' ') + d.value(QLatin1String("kind")).toString() + QStringLiteral(": ") +
        d.value(QLatin1String("value")).toString() + QStringLiteral(" by ") +
        d.value(QLatin1String("reviewer")).toString();
    const QString why = d.value(QLatin1String("justification")).toString();
    if (!why.isEmpty())
        s += QStringLiteral(" (") + why + QLatin1Char(')');
    return s;
}

QColor statusColour(const QString& status)
{
    if (status == QLatin1String("Open") || status == QLatin1String("rejected"))
        return QColor(0xb7, 0x1c, 0x1c);
    if (status == QLatin1String("NotAFinding") || status == QLatin1String("approved"))
        return QColor(0x1b, 0x5e, 0x20);
    return {};
}

class Builder
{
public:
    Builder(const QJsonObject& report, QPdfWriter& writer, const PdfReport::Options& options)
        : m_r(report), m_options(options),
          m_doc(&writer, kDpi / 72.0, QPageSize(QPageSize::Letter).size(QPageSize::Point),
                report.value(QLatin1String("marking")).toString())
    {}

    bool build()
    {
        titlePage();
        const int contentStart = static_cast<int>(m_doc.pages().size());
        step(5, QStringLiteral("Title block"));
        titleBlock();
        if (m_r.contains(QLatin1String("changes")) && !cancelled()) {
            step(10, QStringLiteral("Changes"));
            changes();
        }
        if (m_r.value(QLatin1String("diagram")).toObject().contains(QLatin1String("svg")) ||
            m_options.diagram) {
            step(15, QStringLiteral("Diagram"));
            diagram();
        }
        if (m_r.contains(QLatin1String("boundary_flows")) && !cancelled()) {
            step(20, QStringLiteral("Boundary flows"));
            section(QStringLiteral("Ports, protocols and services crossing the boundary"));
            table(m_r.value(QLatin1String("boundary_flows")).toArray(),
                  ReportColumns::of(QStringLiteral("boundary_flows")));
        }
        if (m_r.contains(QLatin1String("controls")) && !cancelled()) {
            step(30, QStringLiteral("Controls"));
            controls();
        }
        if (m_r.contains(QLatin1String("scan_findings")) && !cancelled()) {
            step(55, QStringLiteral("Scan findings"));
            section(QStringLiteral("Scan findings by group"));
            table(m_r.value(QLatin1String("scan_findings")).toArray(),
                  ReportColumns::of(QStringLiteral("scan_findings")));
        }
        if (m_r.contains(QLatin1String("inventory")) && !cancelled()) {
            step(65, QStringLiteral("Inventory"));
            section(QStringLiteral("Inventory"));
            table(m_r.value(QLatin1String("inventory")).toArray(),
                  ReportColumns::of(QStringLiteral("inventory")));
        }
        if (m_r.contains(QLatin1String("mesh")) && !cancelled()) {
            step(75, QStringLiteral("Mesh"));
            section(QStringLiteral("Mesh"));
            table(m_r.value(QLatin1String("mesh")).toArray(), ReportColumns::of(QStringLiteral("mesh")));
        }
        if (!cancelled()) {
            step(80, QStringLiteral("Limitations"));
            limitations();
        }
        if (cancelled())
            return false;
        tableOfContents(contentStart);
        return !cancelled();
    }

    PdfLayout& doc() { return m_doc; }
    bool cancelled() const { return m_options.cancel && m_options.cancel->load(); }

private:
    void step(int percent, const QString& what) const
    {
        if (m_options.progress)
            m_options.progress(percent, what);
    }

    QString reportTitle() const
    {
        const QJsonObject t = m_r.value(QLatin1String("title")).toObject();
        return (m_r.value(QLatin1String("kind")).toString() == QLatin1String("changes")
                    ? QStringLiteral("Change review")
                    : QStringLiteral("Snapshot review")) +
               QStringLiteral(": ") + t.value(QLatin1String("system")).toString();
    }

    void section(const QString& title, bool newPage = false)
    {
        if (newPage)
            m_doc.newPage();
        // Keep a heading with the first lines below it.
        m_doc.ensure(m_doc.lineHeight(Font::H2) + m_doc.pt(60));
        if (m_doc.y() > m_doc.body().top() + 1)
            m_doc.space(6);
        m_toc.append({title, 0, m_doc.pageIndex()});
        m_doc.paragraph(title, Font::H2, kRule);
        m_doc.line(QPointF(m_doc.body().left(), m_doc.y() + m_doc.pt(1)),
                   QPointF(m_doc.body().right(), m_doc.y() + m_doc.pt(1)), kRule);
        m_doc.space(6);
    }

    void subsection(const QString& title, bool inToc)
    {
        m_doc.ensure(m_doc.lineHeight(Font::H3) + m_doc.pt(40));
        m_doc.space(3);
        if (inToc)
            m_toc.append({title, 1, m_doc.pageIndex()});
        m_doc.paragraph(title, Font::H3);
        m_doc.space(2);
    }

    void table(const QJsonArray& rows, const QList<QPair<QString, QString>>& cols, int emphasis = -1)
    {
        QStringList headers;
        for (const auto& c : cols)
            headers << c.second;
        PdfTable t(headers);
        if (emphasis >= 0)
            t.setEmphasis(emphasis, statusColour);
        for (const QJsonValue& v : rows) {
            const QJsonObject o = v.toObject();
            QStringList cells;
            for (const auto& c : cols)
                cells << PdfReport::cellText(o.value(c.first));
            t.addRow(cells);
        }
        if (rows.isEmpty()) {
            m_doc.paragraph(QStringLiteral("None."), Font::Body, kMuted);
            m_doc.space(6);
            return;
        }
        t.layout(m_doc, m_options.cancel);
    }

    void titlePage()
    {
        m_doc.newPage();
        const QJsonObject t = m_r.value(QLatin1String("title")).toObject();
        const QJsonObject snap = t.value(QLatin1String("snapshot")).toObject();
        m_doc.space(40);
        m_doc.paragraph(m_r.value(QLatin1String("kind")).toString() == QLatin1String("changes")
                            ? QStringLiteral("Change review (security impact analysis)")
                            : QStringLiteral("Snapshot review"),
                        Font::Title, kRule);
        m_doc.space(6);
        m_doc.paragraph(t.value(QLatin1String("system")).toString(), Font::H1);
        m_doc.space(14);
        auto kv = [this](const QString& k, const QString& v) {
            const qreal top = m_doc.y();
            m_doc.text(QRectF(m_doc.body().left(), top, m_doc.pt(110), m_doc.lineHeight(Font::Body)), k,
                       Font::Bold, kMuted);
            const QStringList lines = m_doc.wrap(v, Font::Body, m_doc.body().width() - m_doc.pt(110));
            m_doc.text(QRectF(m_doc.body().left() + m_doc.pt(110), top, m_doc.body().width() - m_doc.pt(110),
                              lines.size() * m_doc.lineHeight(Font::Body)),
                       lines.join(QLatin1Char('\n')), Font::Body);
            m_doc.setY(top + lines.size() * m_doc.lineHeight(Font::Body) + m_doc.pt(3));
        };
        kv(QStringLiteral("Cluster"), t.value(QLatin1String("cluster")).toString());
        kv(QStringLiteral("Snapshot"), QStringLiteral("%1 (id %2, imported %3)")
                                           .arg(snap.value(QLatin1String("label")).toString())
                                           .arg(snap.value(QLatin1String("id")).toInteger())
                                           .arg(snap.value(QLatin1String("imported_at")).toString()));
        if (m_r.contains(QLatin1String("base_snapshot")))
            kv(QStringLiteral("Compared with"),
               QStringLiteral("snapshot %1").arg(m_r.value(QLatin1String("base_snapshot")).toInteger()));
        kv(QStringLiteral("Reviewer"), t.value(QLatin1String("reviewer")).toString() + QStringLiteral(" (") +
                                           t.value(QLatin1String("os_user")).toString() + QLatin1Char(')'));
        kv(QStringLiteral("Date"), t.value(QLatin1String("date")).toString());
        kv(QStringLiteral("Tool"),
           QStringLiteral("Tollgate ") + t.value(QLatin1String("tool_version")).toString());
        m_doc.space(18);

        // What an approving official reads in one minute.
        m_toc.append({QStringLiteral("Recommendation, residual risk and open findings"), 0, 0});
        const qreal boxTop = m_doc.y();
        m_doc.space(8);
        const qreal inner = m_doc.pt(10);
        m_doc.paragraph(QStringLiteral("ISSO recommendation"), Font::H3, Qt::black, inner);
        m_doc.paragraph(orNone(m_r.value(QLatin1String("recommendation")).toString()), Font::Body, Qt::black,
                        inner);
        m_doc.space(6);
        m_doc.paragraph(QStringLiteral("Residual risk"), Font::H3, Qt::black, inner);
        m_doc.paragraph(orNone(m_r.value(QLatin1String("residual_risk")).toString()), Font::Body, Qt::black,
                        inner);
        m_doc.space(8);
        m_doc.paragraph(QStringLiteral("Open findings"), Font::H3, Qt::black, inner);
        const QJsonObject open = m_r.value(QLatin1String("open_findings")).toObject();
        qreal x = m_doc.body().left() + inner;
        const qreal h = m_doc.lineHeight(Font::Bold) + m_doc.pt(6);
        for (int cat = 1; cat <= 3; ++cat) {
            const QString label = QStringLiteral("CAT ") + GraphPainter::catLabel(cat);
            const QString text = label + QStringLiteral(": ") + QString::number(open.value(label).toInt());
            const qreal w = m_doc.textWidth(text, Font::Bold) + m_doc.pt(14);
            const QColor c = GraphPainter::catColor(cat);
            m_doc.fill(QRectF(x, m_doc.y() + m_doc.pt(2), w, h), c);
            PdfLayout::Op op;
            op.type = PdfLayout::Op::Type::CenteredText;
            op.rect = QRectF(x, m_doc.y() + m_doc.pt(2), w, h);
            op.text = text;
            op.font = Font::Bold;
            op.color = cat == 3 ? QColor(Qt::black) : QColor(Qt::white);
            m_doc.add(op);
            x += w + m_doc.pt(8);
        }
        m_doc.setY(m_doc.y() + h + m_doc.pt(12));
        m_doc.fill(QRectF(m_doc.body().left(), boxTop, m_doc.body().width(), m_doc.y() - boxTop),
                   Qt::transparent, QColor(0x33, 0x33, 0x33));
        m_doc.space(14);
        m_doc.paragraph(QStringLiteral("The report is signed with a detached CMS signature (REPORT.p7s) when "
                                       "a signing identity was chosen; check it offline with `tollgate-cli "
                                       "verify REPORT --ca CA.pem`. Certificate revocation is not checked "
                                       "offline."),
                        Font::Small, kMuted);
    }

    static QString orNone(const QString& s)
    {
        return s.trimmed().isEmpty() ? QStringLiteral("(none given)") : s;
    }

    void titleBlock()
    {
        const QJsonObject t = m_r.value(QLatin1String("title")).toObject();
        const QJsonObject snap = t.value(QLatin1String("snapshot")).toObject();
        const QJsonObject audit = m_r.value(QLatin1String("audit")).toObject();
        section(QStringLiteral("Title block"), true);
        PdfTable kv({QStringLiteral("Item"), QStringLiteral("Value")});
        kv.addRow({QStringLiteral("System"), t.value(QLatin1String("system")).toString()});
        kv.addRow({QStringLiteral("Cluster"), t.value(QLatin1String("cluster")).toString()});
        kv.addRow({QStringLiteral("Snapshot"), QStringLiteral("%1 (id %2, imported %3)\ncontent digest %4")
                                                   .arg(snap.value(QLatin1String("label")).toString())
                                                   .arg(snap.value(QLatin1String("id")).toInteger())
                                                   .arg(snap.value(QLatin1String("imported_at")).toString(),
                                                        snap.value(QLatin1String("digest")).toString())});
        if (m_r.contains(QLatin1String("base_snapshot")))
            kv.addRow(
                {QStringLiteral("Compared with"),
                 QStringLiteral("snapshot %1").arg(m_r.value(QLatin1String("base_snapshot")).toInteger())});
        kv.addRow({QStringLiteral("Catalog"), PdfReport::cellText(t.value(QLatin1String("catalog")))});
        kv.addRow({QStringLiteral("Tool"),
                   QStringLiteral("Tollgate ") + t.value(QLatin1String("tool_version")).toString()});
        kv.addRow({QStringLiteral("Reviewer"),
                   t.value(QLatin1String("reviewer")).toString() + QStringLiteral(" (") +
                       t.value(QLatin1String("os_user")).toString() + QLatin1Char(')')});
        kv.addRow({QStringLiteral("Date"), t.value(QLatin1String("date")).toString()});
        kv.addRow({QStringLiteral("FIPS mode"), t.value(QLatin1String("fips_mode")).toString()});
        kv.addRow({QStringLiteral("Audit log head"),
                   QStringLiteral("%1 (%2 entries, chain %3)")
                       .arg(audit.value(QLatin1String("head")).toString())
                       .arg(audit.value(QLatin1String("entries")).toInt())
                       .arg(audit.value(QLatin1String("chain_ok")).toBool() ? QStringLiteral("intact")
                                                                            : QStringLiteral("BROKEN"))});
        const QJsonArray omitted = m_r.value(QLatin1String("omitted_sections")).toArray();
        if (!omitted.isEmpty())
            kv.addRow({QStringLiteral("Sections left out"), joined(omitted, QStringLiteral(", "))});
        kv.layout(m_doc, m_options.cancel);
        subsection(QStringLiteral("Input files"), false);
        table(t.value(QLatin1String("inputs")).toArray(), ReportColumns::of(QStringLiteral("inputs")));
        subsection(QStringLiteral("Scans"), false);
        table(t.value(QLatin1String("scans")).toArray(), ReportColumns::of(QStringLiteral("scans")));
    }

    void changes()
    {
        section(QStringLiteral("Changes and decisions"));
        table(m_r.value(QLatin1String("changes")).toArray(), ReportColumns::of(QStringLiteral("changes")), 3);
    }

    void diagram()
    {
        const QJsonObject d = m_r.value(QLatin1String("diagram")).toObject();
        QSizeF size;
        if (m_options.diagram) {
            size = m_options.diagram->pageSize();
        } else {
            QSvgRenderer svg(d.value(QLatin1String("svg")).toString().toUtf8());
            size = svg.viewBoxF().size();
        }
        const bool landscape = size.width() > size.height();
        m_doc.newPage(landscape);
        section(QStringLiteral("Network-flow diagram"));
        m_doc.paragraph(QStringLiteral("%1 nodes, %2 allowed flows; line style and colour by mTLS state, "
                                       "finding badges by CAT (legend in the diagram). Vector graphics: "
                                       "zoom in for names and ports.")
                            .arg(d.value(QLatin1String("nodes")).toInt())
                            .arg(d.value(QLatin1String("flows")).toInt()),
                        Font::Small, kMuted);
        m_doc.space(4);
        PdfLayout::Op op;
        op.type = PdfLayout::Op::Type::Diagram;
        op.rect = QRectF(m_doc.body().left(), m_doc.y(), m_doc.body().width(), m_doc.remaining());
        if (!m_options.diagram)
            op.text = d.value(QLatin1String("svg")).toString();
        m_doc.add(op);
        diagramTiles(op, size, d.value(QLatin1String("nodes")).toInt());
        m_doc.newPage();
    }

    // A wide diagram fitted on one page prints its names too small to read: the overview is followed
    // by tiles at a scale where labels print at about 6 pt, when that takes a few pages. Each tile
    // paints the whole (clipped) diagram, so very large diagrams keep the overview only: it is vector
    // graphics, and a viewer zooms into it.
    void diagramTiles(const PdfLayout::Op& overview, const QSizeF& size, int nodes)
    {
        constexpr qreal kLegible = 0.6; // diagram units (px of 9-10 px labels) to points
        constexpr int kMaxTiles = 12;
        constexpr int kMaxNodes = 400;
        const qreal fitted =
            qMin(overview.rect.width() / size.width(), overview.rect.height() / size.height());
        const qreal scale = m_doc.pt(kLegible);
        // Drawing the SVG (no painter given) is about 20 times slower than painting: overview only.
        if (fitted >= scale * 0.9 || nodes > kMaxNodes || !m_options.diagram)
            return;
        const bool landscape = m_doc.pages().back().landscape;
        m_doc.newPage(landscape);
        const qreal caption = m_doc.lineHeight(Font::Small) + m_doc.pt(4);
        const QSizeF tile((m_doc.body().width()) / scale, (m_doc.body().height() - caption) / scale);
        const qreal overlap = 0.04;
        const int cols = qCeil((size.width() - tile.width() * overlap) / (tile.width() * (1 - overlap)));
        const int rows = qCeil((size.height() - tile.height() * overlap) / (tile.height() * (1 - overlap)));
        if (cols * rows > kMaxTiles || cols * rows < 2) {
            m_doc.pages().pop_back();
            return;
        }
        int n = 0;
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c) {
                if (n > 0)
                    m_doc.newPage(landscape);
                ++n;
                m_doc.paragraph(
                    QStringLiteral("Network-flow diagram, part %1 of %2 (row %3, column %4 of the "
                                   "overview), at print scale")
                        .arg(n)
                        .arg(rows * cols)
                        .arg(r + 1)
                        .arg(c + 1),
                    Font::Small, kMuted);
                PdfLayout::Op op = overview;
                op.rect = QRectF(m_doc.body().left(), m_doc.y(), m_doc.body().width(), m_doc.remaining());
                op.source =
                    QRectF(QPointF(c * tile.width() * (1 - overlap), r * tile.height() * (1 - overlap)),
                           QSizeF(op.rect.width() / scale, op.rect.height() / scale));
                op.scale = scale;
                m_doc.add(op);
            }
        }
    }

    void controls()
    {
        section(QStringLiteral("Controls"));
        const QJsonArray list = m_r.value(QLatin1String("controls")).toArray();
        if (list.isEmpty())
            m_doc.paragraph(QStringLiteral("No control results."), Font::Body, kMuted);
        for (const QJsonValue& cv : list) {
            if (cancelled())
                return;
            const QJsonObject c = cv.toObject();
            subsection(QStringLiteral("%1 %2 (%3): %4 open, %5 pass")
                           .arg(c.value(QLatin1String("control")).toString(),
                                c.value(QLatin1String("title")).toString(),
                                c.value(QLatin1String("severity")).toString())
                           .arg(c.value(QLatin1String("Open")).toInt())
                           .arg(c.value(QLatin1String("NotAFinding")).toInt()),
                       true);
            const QJsonArray results = c.value(QLatin1String("results")).toArray();
            if (!results.isEmpty())
                table(results, ReportColumns::of(QStringLiteral("control_results")), 0);
        }
    }

    void limitations()
    {
        const QJsonObject lim = m_r.value(QLatin1String("limitations")).toObject();
        section(QStringLiteral("Limitations"));
        const QString kinds =
            joined(lim.value(QLatin1String("kinds_not_evaluated")).toArray(), QStringLiteral(", "));
        m_doc.paragraph(QStringLiteral("Kinds kept but not evaluated: ") +
                            (kinds.isEmpty() ? QStringLiteral("none") : kinds),
                        Font::Body);
        m_doc.paragraph(QStringLiteral("Revocation: ") + lim.value(QLatin1String("revocation")).toString() +
                            QLatin1Char('.'),
                        Font::Body);
        m_doc.space(4);
        subsection(QStringLiteral("Skipped documents"), false);
        table(lim.value(QLatin1String("skipped_documents")).toArray(),
              ReportColumns::of(QStringLiteral("skipped_documents")));
        const QJsonObject audit = m_r.value(QLatin1String("audit")).toObject();
        section(QStringLiteral("Audit log"));
        m_doc.paragraph(
            QStringLiteral("The newest entry of the workspace's hash-chained review log when this "
                           "report was made (cutting entries off the end is detectable with it):"),
            Font::Body);
        m_doc.paragraph(audit.value(QLatin1String("head")).toString(), Font::Mono);
        m_doc.paragraph(QStringLiteral("%1 entries; chain %2.")
                            .arg(audit.value(QLatin1String("entries")).toInt())
                            .arg(audit.value(QLatin1String("chain_ok")).toBool() ? QStringLiteral("intact")
                                                                                 : QStringLiteral("BROKEN")),
                        Font::Body);
    }

    // Lays out the contents on pages of their own and puts them after the title page; entries then
    // point at pages shifted by the contents' own length.
    void tableOfContents(int contentStart)
    {
        auto layoutToc = [this](int shift) {
            // A layout with the same fonts and page size, without copying the laid-out pages.
            std::vector<PdfLayout::Page> content = std::move(m_doc.pages());
            m_doc.pages().clear();
            PdfLayout toc = m_doc;
            m_doc.pages() = std::move(content);
            toc.newPage();
            toc.paragraph(QStringLiteral("Contents"), Font::H2, kRule);
            toc.space(8);
            const qreal numberW = toc.pt(40);
            for (const TocEntry& e : std::as_const(m_toc)) {
                const Font f = e.level == 0 ? Font::Bold : Font::Body;
                const qreal indent = toc.pt(e.level * 14);
                const qreal width = toc.body().width() - indent - numberW;
                const QStringList lines = toc.wrap(e.title, f, width);
                const qreal h = lines.size() * toc.lineHeight(f) + toc.pt(e.level == 0 ? 5 : 2);
                toc.ensure(h);
                const qreal top = toc.y() + (e.level == 0 ? toc.pt(3) : 0);
                toc.text(QRectF(toc.body().left() + indent, top, width, h), lines.join(QLatin1Char('\n')), f);
                const int page = e.page == 0 ? 1 : e.page + 1 + shift;
                const QString number = QString::number(page);
                toc.text(QRectF(toc.body().right() - toc.textWidth(number, f),
                                top + (lines.size() - 1) * toc.lineHeight(f), numberW, toc.lineHeight(f)),
                         number, f);
                toc.setY(toc.y() + h);
            }
            return std::move(toc.pages());
        };
        const int tocPages = static_cast<int>(layoutToc(0).size());
        std::vector<PdfLayout::Page> pages = layoutToc(tocPages);
        auto& all = m_doc.pages();
        all.insert(all.begin() + 1, std::make_move_iterator(pages.begin()),
                   std::make_move_iterator(pages.end()));
        Q_UNUSED(contentStart);
    }

    const QJsonObject& m_r;
    const PdfReport::Options& m_options;
    PdfLayout m_doc;
    QList<TocEntry> m_toc;
};

// The creation date in the form QPdfWriter wrote it (D:YYYYMMDDHHmmSSZ, or with an offset), so the
// replacement has the same length and no byte offset in the file moves.
QByteArray pdfDate(const QDateTime& dt, int length)
{
    const QByteArray base = "D:" + dt.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1();
    for (const QByteArray& zone :
         {QByteArray("Z"), QByteArray("+00'00'"), QByteArray("+00'00"), QByteArray()})
        if (base.size() + zone.size() == length)
            return base + zone;
    return {};
}

} // namespace

QString PdfReport::cellText(const QJsonValue& v)
{
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        bool objects = false;
        for (const QJsonValue& x : a)
            objects = objects || x.isObject();
        return joined(a, objects ? QStringLiteral("\n") : QStringLiteral(", "));
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.contains(QLatin1String("decided_at")) && o.contains(QLatin1String("reviewer")))
            return decisionText(o);
        if (o.contains(QLatin1String("conditions")) && o.contains(QLatin1String("summary"))) {
            // Template conformance: the summary, then every condition that failed.
            QString s = o.value(QLatin1String("summary")).toString();
            for (const QJsonValue& c : o.value(QLatin1String("conditions")).toArray())
                if (!c.toObject().value(QLatin1String("passed")).toBool(true))
                    s += QStringLiteral("\nFAILED ") +
                         c.toObject().value(QLatin1String("condition")).toString() + QStringLiteral(": ") +
                         c.toObject().value(QLatin1String("evidence")).toString();
            return s;
        }
        QStringList parts;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString val = cellText(it.value());
            if (!val.isEmpty())
                parts << it.key() + QStringLiteral(": ") + val;
        }
        return parts.join(QStringLiteral("; "));
    }
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == static_cast<double>(static_cast<qint64>(d)) ? QString::number(static_cast<qint64>(d))
                                                                : QString::number(d);
    }
    if (v.isBool())
        return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    return v.toString();
}

QByteArray PdfReport::makeDeterministic(QByteArray pdf, const QDateTime& date)
{
    if (!date.isValid())
        return pdf;
    // Dates in the Info dictionary (byte searches: the file may be large).
    for (const QByteArray& key : {QByteArray("/CreationDate ("), QByteArray("/ModDate (")}) {
        for (qsizetype at = pdf.indexOf(key); at >= 0; at = pdf.indexOf(key, at + 1)) {
            const qsizetype from = at + key.size();
            const qsizetype to = pdf.indexOf(')', from);
            if (to < 0 || to - from > 40)
                continue;
            const QByteArray when = pdfDate(date, static_cast<int>(to - from));
            if (!when.isEmpty())
                pdf.replace(from, when.size(), when);
        }
    }
    // Dates in XMP metadata (ISO form), when there is any, keep their length too.
    const QByteArray iso = date.toUTC().toString(Qt::ISODate).toLatin1();
    for (const QByteArray& tag :
         {QByteArray("<xmp:CreateDate>"), QByteArray("<xmp:ModifyDate>"), QByteArray("<xmp:MetadataDate>")}) {
        for (qsizetype at = pdf.indexOf(tag); at >= 0; at = pdf.indexOf(tag, at + 1)) {
            const qsizetype from = at + tag.size();
            const qsizetype to = pdf.indexOf('<', from);
            if (to < 0 || to - from > 40)
                continue;
            QByteArray value = iso;
            if (value.size() < to - from)
                value = value.chopped(1) + QByteArray(to - from - value.size(), ' ') + "Z";
            if (value.size() == to - from)
                pdf.replace(from, value.size(), value);
        }
    }
    // A random document ID (a UUID in XMP, as hex in the trailer), when the writer adds one: one
    // derived from the content instead.
    if (!pdf.contains("uuid:"))
        return pdf;
    static const QRegularExpression uuid(
        QStringLiteral("uuid:([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})"));
    QSet<QString> ids;
    for (auto it = uuid.globalMatch(QString::fromLatin1(pdf)); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        ids.insert(m.captured(1) + m.captured(2) + m.captured(3) + m.captured(4) + m.captured(5));
    }
    QByteArray blanked = pdf;
    for (const QString& id : std::as_const(ids)) {
        blanked.replace(id.toLatin1(), QByteArray(32, '0'));
        blanked.replace(id.toUpper().toLatin1(), QByteArray(32, '0'));
    }
    const QByteArray digest = Sha256::hex(blanked).left(32);
    for (const QString& id : std::as_const(ids)) {
        const QByteArray old = id.toLatin1();
        const QByteArray dashed = old.left(8) + '-' + old.mid(8, 4) + '-' + old.mid(12, 4) + '-' +
                                  old.mid(16, 4) + '-' + old.mid(20);
        const QByteArray fresh = digest.left(8) + '-' + digest.mid(8, 4) + '-' + digest.mid(12, 4) + '-' +
                                 digest.mid(16, 4) + '-' + digest.mid(20);
        pdf.replace(dashed, fresh);
        pdf.replace(old, digest);
        pdf.replace(old.toUpper(), digest.toUpper());
    }
    return pdf;
}

Result<QByteArray> PdfReport::render(const QJsonObject& report, const Options& options)
{
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        return Error(QStringLiteral("drawing a PDF needs a QGuiApplication (offscreen is fine)"));
    QElapsedTimer timer;
    timer.start();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kDpi);
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize::Letter), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    const QJsonObject title = report.value(QLatin1String("title")).toObject();
    writer.setTitle((report.value(QLatin1String("kind")).toString() == QLatin1String("changes")
                         ? QStringLiteral("Change review: ")
                         : QStringLiteral("Snapshot review: ")) +
                    title.value(QLatin1String("system")).toString());
    writer.setCreator(QStringLiteral("Tollgate ") + title.value(QLatin1String("tool_version")).toString());

    Builder builder(report, writer, options);
    if (!builder.build())
        return Error(QStringLiteral("cancelled"));
    const qint64 laidOut = timer.elapsed();
    if (options.progress)
        options.progress(85, QStringLiteral("Drawing %1 pages").arg(builder.doc().pages().size()));
    const auto& pages = builder.doc().pages();
    writer.setPageOrientation(pages.front().landscape ? QPageLayout::Landscape : QPageLayout::Portrait);
    QPainter painter;
    if (!painter.begin(&writer))
        return Error(QStringLiteral("cannot start the PDF"));
    painter.setRenderHint(QPainter::Antialiasing);
    auto nextPage = [&writer](bool landscape) {
        writer.setPageOrientation(landscape ? QPageLayout::Landscape : QPageLayout::Portrait);
        return writer.newPage();
    };
    const Status drawn = builder.doc().draw(painter, nextPage, options.diagram, options.cancel);
    painter.end();
    if (!drawn)
        return drawn.error();
    qCInfo(lcReports) << "PDF:" << pages.size() << "pages, laid out in" << laidOut << "ms, drawn in"
                      << timer.elapsed() - laidOut << "ms";
    return makeDeterministic(
        buffer.data(), QDateTime::fromString(title.value(QLatin1String("date")).toString(), Qt::ISODate));
}

} // namespace tollgate::reports
