#include "ui/pages/FindingsPage.h"

#include "findings/Severity.h"
#include "store/FindingStore.h"
#include "store/Workspace.h"
#include "ui/dialogs/Dialogs.h"
#include "ui/dialogs/ReviewDialog.h"
#include "ui/dialogs/RiskDialog.h"
#include "ui/widgets/Icons.h"
#include "ui/widgets/SeverityDelegate.h"
#include "viewmodels/FindingFilterModel.h"
#include "viewmodels/Roles.h"
#include "viewmodels/RowTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QShortcut>
#include <QSplitter>
#include <QStackedLayout>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace tollgate::ui {

namespace {

QString esc(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toVariant().toString().toHtmlEscaped();
}

QString identifiersHtml(const QJsonObject& ids)
{
    QStringList parts;
    for (auto it = ids.begin(); it != ids.end(); ++it) {
        QStringList values;
        if (it.value().isArray())
            for (const QJsonValue& v : it.value().toArray())
                values << v.toString().toHtmlEscaped();
        else
            values << it.value().toString().toHtmlEscaped();
        parts << QStringLiteral("<b>%1</b> %2")
                     .arg(it.key().toHtmlEscaped(), values.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral("<br>"));
}

} // namespace

FindingsPage::FindingsPage(QWidget* parent) : Page(parent)
{
    setObjectName(QStringLiteral("findingsPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* filters = new QHBoxLayout;
    auto makeCombo = [this](const char* name, const QString& tip) {
        auto* c = new QComboBox(this);
        c->setObjectName(QLatin1String(name));
        c->setToolTip(tip);
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        return c;
    };
    m_source = makeCombo("findingsSource", tr("Scanner"));
    m_cat = makeCombo("findingsCat", tr("Severity category (ACAS: Critical and High are CAT I)"));
    m_cat->addItem(tr("Any CAT"), 0);
    for (int c = 1; c <= 3; ++c)
        m_cat->addItem(Severity::label(c), c);
    m_status = makeCombo("findingsStatus", tr("Status of the finding in its newest scan"));
    m_status->addItem(tr("Any status"), QString());
    for (const char* s :
         {"Open", "NotAFinding", "Not_Applicable", "Not_Reviewed", "new", "persisting", "closed"})
        m_status->addItem(QLatin1String(s), QLatin1String(s));
    m_ns = makeCombo("findingsNamespace", tr("Namespace of the workload"));
    auto makeEdit = [this](const char* name, const QString& placeholder) {
        auto* e = new QLineEdit(this);
        e->setObjectName(QLatin1String(name));
        e->setPlaceholderText(placeholder);
        e->setClearButtonEnabled(true);
        return e;
    };
    m_workload = makeEdit("findingsWorkload", tr("Workload"));
    m_identifier = makeEdit("findingsIdentifier", tr("CVE, rule, CCI..."));
    m_text = makeEdit("findingsText", tr("Filter (Ctrl+F): any field"));
    m_history = new QCheckBox(tr("History"), this);
    m_history->setObjectName(QStringLiteral("findingsHistory"));
    m_history->setToolTip(
        tr("Also show the findings of older scans that a newer scan of the same subject superseded"));
    auto* importButton = new QPushButton(Icons::get("import"), tr("Import scan..."), this);
    importButton->setObjectName(QStringLiteral("findingsImport"));
    importButton->setToolTip(tr(
        "Import Trivy, Grype, trivy-operator or SBOM files (Ctrl+I); you can also drop them on the window"));
    // The Dashboard's family filter, shown only while it is set; a click clears it.
    m_family = new QToolButton(this);
    m_family->setObjectName(QStringLiteral("findingsFamily"));
    m_family->setToolTip(tr("Only this control family or finding category; click to show all"));
    m_family->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_family->hide();
    for (QWidget* w : std::initializer_list<QWidget*>{m_source, m_cat, m_status, m_ns, m_family})
        filters->addWidget(w);
    filters->addWidget(m_workload, 1);
    filters->addWidget(m_identifier, 1);
    filters->addWidget(m_text, 2);
    filters->addWidget(m_history);
    filters->addWidget(importButton);
    layout->addLayout(filters);

    auto* actions = new QHBoxLayout;
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("findingsCounts"));
    m_counts->setTextFormat(Qt::RichText);
    m_reviewButton = new QPushButton(tr("Review..."), this);
    m_reviewButton->setObjectName(QStringLiteral("findingsReview"));
    m_reviewButton->setToolTip(tr("Set the status (Open, NotAFinding, Not_Applicable, Not_Reviewed) or "
                                  "override the severity of the selected findings, with a justification"));
    m_riskButton = new QPushButton(tr("Accept risk..."), this);
    m_riskButton->setObjectName(QStringLiteral("findingsAcceptRisk"));
    m_riskButton->setToolTip(tr("Record the AO's risk acceptance (reference, expiry) of the selected Open "
                                "findings"));
    actions->addWidget(m_counts, 1);
    actions->addWidget(m_reviewButton);
    actions->addWidget(m_riskButton);
    layout->addLayout(actions);

    m_model = new RowTableModel(this);
    m_model->setColumns({{QStringLiteral("severity"), tr("CAT")},
                         {QStringLiteral("review_status"), tr("Status")},
                         {QStringLiteral("review_flags"), tr("Review")},
                         {QStringLiteral("source"), tr("Source")},
                         {QStringLiteral("rule"), tr("Rule / CVE")},
                         {QStringLiteral("package"), tr("Package")},
                         {QStringLiteral("title"), tr("Title")},
                         {QStringLiteral("joined_to"), tr("Workloads")},
                         {QStringLiteral("subject"), tr("Subject")}});
    m_proxy = new FindingFilterModel(this);
    m_proxy->setSourceModel(m_model);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("findingsSplitter"));
    // The views an ISSO knows: results grouped by STIG, CIS section, policy or scan, with the
    // Open / NotAFinding / Not_Applicable / Not_Reviewed counts of each; a click narrows the table.
    m_groups = new QTreeWidget(split);
    m_groups->setObjectName(QStringLiteral("findingsGroups"));
    m_groups->setHeaderLabels({tr("Group"), tr("Open"), tr("NaF"), tr("N/A"), tr("NR")});
    m_groups->setRootIsDecorated(false);
    m_groups->setUniformRowHeights(true);
    m_groups->setSortingEnabled(true);
    m_groups->header()->setStretchLastSection(false);
    m_groups->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_groups->headerItem()->setToolTip(2, tr("NotAFinding"));
    m_groups->headerItem()->setToolTip(3, tr("Not_Applicable"));
    m_groups->headerItem()->setToolTip(4, tr("Not_Reviewed"));
    auto* holder = new QWidget(split);
    auto* stack = new QStackedLayout(holder);
    m_table = new QTableView(holder);
    m_table->setObjectName(QStringLiteral("findingsTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new SeverityDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_empty = new QLabel(holder);
    m_empty->setObjectName(QStringLiteral("findingsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    stack->addWidget(m_table);
    stack->addWidget(m_empty);
    m_details = new QTextBrowser(split);
    m_details->setObjectName(QStringLiteral("findingsDetails"));
    m_details->setOpenLinks(false);
    split->addWidget(m_groups);
    split->addWidget(holder);
    split->addWidget(m_details);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    split->setSizes({380, 640, 420});
    layout->addWidget(split, 1);

    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, m_text, [this] {
        m_text->setFocus();
        m_text->selectAll();
    });
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setSource(m_source->currentData().toString());
        updateCounts();
    });
    connect(m_cat, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setCat(m_cat->currentData().toInt());
        updateCounts();
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatus(m_status->currentData().toString());
        updateCounts();
    });
    connect(m_ns, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setNamespace(m_ns->currentData().toString());
        updateCounts();
    });
    connect(m_workload, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_proxy->setWorkload(t);
        updateCounts();
    });
    connect(m_identifier, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_proxy->setIdentifier(t);
        updateCounts();
    });
    connect(m_text, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_proxy->setText(t);
        updateCounts();
    });
    connect(m_history, &QCheckBox::toggled, this, [this] { reload(); });
    connect(m_groups, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_proxy->setGroup(item ? item->data(0, Qt::UserRole).toString() : QString());
        updateCounts();
    });
    connect(m_family, &QToolButton::clicked, this, [this] {
        m_family->hide();
        m_proxy->setFamily(QString());
        updateCounts();
    });
    connect(importButton, &QPushButton::clicked, this, &FindingsPage::importRequested);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { showDetails(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateActions(); });
    connect(m_reviewButton, &QPushButton::clicked, this, &FindingsPage::reviewSelected);
    connect(m_riskButton, &QPushButton::clicked, this, &FindingsPage::acceptRiskSelected);
    reload();
}

QIcon FindingsPage::icon() const
{
    return Icons::get("findings");
}

void FindingsPage::setContext(Workspace* ws, qint64 snapshotId)
{
    m_ws = ws;
    m_snapshotId = snapshotId;
    reload();
}

void FindingsPage::applyFilter(const Focus& focus)
{
    if (QTreeWidgetItem* all = m_groups->topLevelItem(0))
        m_groups->setCurrentItem(all);
    m_source->setCurrentIndex(qMax(0, m_source->findData(focus.source)));
    m_cat->setCurrentIndex(qMax(0, m_cat->findData(focus.cat)));
    m_status->setCurrentIndex(qMax(0, m_status->findData(focus.status)));
    m_ns->setCurrentIndex(0);
    m_text->clear();
    m_identifier->setText(focus.identifier);
    m_workload->setText(focus.workload);
    m_proxy->setFamily(focus.family);
    m_family->setText(tr("Family: %1 \u00d7").arg(focus.family));
    m_family->setVisible(!focus.family.isEmpty());
    updateCounts();
    if (m_proxy->rowCount() > 0)
        m_table->selectRow(0);
}

void FindingsPage::showWorkload(const QString& workloadKey)
{
    Focus focus;
    focus.workload = workloadKey;
    applyFilter(focus);
}

void FindingsPage::fillCombo(QComboBox* box, const QString& key, const QString& all)
{
    const QString current = box->currentData().toString();
    QSet<QString> values;
    for (const QJsonObject& o : m_model->rows()) {
        if (key == QLatin1String("namespace")) {
            if (!o.value(QLatin1String("namespace")).toString().isEmpty())
                values.insert(o.value(QLatin1String("namespace")).toString());
            for (const QJsonValue& w : o.value(QLatin1String("joined_workloads")).toArray())
                values.insert(w.toString().section(QLatin1Char('/'), 0, 0));
        } else {
            values.insert(o.value(key).toString());
        }
    }
    QStringList sorted(values.cbegin(), values.cend());
    sorted.sort();
    const QSignalBlocker block(box);
    box->clear();
    box->addItem(all, QString());
    for (const QString& v : std::as_const(sorted))
        if (!v.isEmpty())
            box->addItem(v, v);
    const int idx = box->findData(current);
    box->setCurrentIndex(idx < 0 ? 0 : idx);
}

void FindingsPage::fillGroups()
{
    const QString current =
        m_groups->currentItem() ? m_groups->currentItem()->data(0, Qt::UserRole).toString() : QString();
    const QSignalBlocker block(m_groups);
    m_groups->clear();
    m_groups->setSortingEnabled(false);
    auto add = [this](const QString& label, const QString& group, const QJsonObject& counts) {
        auto* item = new QTreeWidgetItem(m_groups);
        item->setText(0, label);
        item->setToolTip(0, label);
        item->setData(0, Qt::UserRole, group);
        int col = 1;
        for (const char* s : {"Open", "NotAFinding", "Not_Applicable", "Not_Reviewed"}) {
            item->setData(col, Qt::DisplayRole, counts.value(QLatin1String(s)).toInt());
            item->setTextAlignment(col, Qt::AlignRight);
            ++col;
        }
        return item;
    };
    const QList<QJsonObject> groups = FindingStore::summarise(m_model->rows());
    QJsonObject all;
    for (const QJsonObject& g : groups)
        for (const char* s : {"Open", "NotAFinding", "Not_Applicable", "Not_Reviewed"})
            all.insert(QLatin1String(s),
                       all.value(QLatin1String(s)).toInt() + g.value(QLatin1String(s)).toInt());
    QTreeWidgetItem* allItem = add(tr("All (%1 groups)").arg(groups.size()), QString(), all);
    QFont bold = allItem->font(0);
    bold.setBold(true);
    allItem->setFont(0, bold);
    QTreeWidgetItem* select = allItem;
    for (const QJsonObject& g : groups) {
        const QString group = g.value(QLatin1String("group")).toString();
        QTreeWidgetItem* item = add(group, group, g);
        if (group == current)
            select = item;
    }
    for (int c = 1; c < 5; ++c)
        m_groups->resizeColumnToContents(c);
    m_groups->setCurrentItem(select);
    m_proxy->setGroup(select->data(0, Qt::UserRole).toString());
}

void FindingsPage::reload()
{
    QList<QJsonObject> rows;
    QString emptyText;
    if (!m_ws) {
        emptyText = tr("No workspace is open.\n\nCreate one (Ctrl+N) or open one (Ctrl+O).");
    } else {
        FindingStore::Filter filter;
        filter.history = m_history->isChecked();
        auto r = FindingStore(*m_ws).findings(filter);
        if (!r) {
            emptyText = r.error().toString();
        } else {
            rows = std::move(r).value();
            // What needs attention first: Open (reviewed status), then not reviewed, then the rest;
            // CAT I first within each. A header click sorts differently; this is the opening order.
            auto rank = [](const QJsonObject& o) {
                const QString st =
                    o.value(QLatin1String(o.contains(QLatin1String("review_status")) ? "review_status"
                                                                                     : "status"))
                        .toString();
                const int group = st == QLatin1String("Open")           ? 0
                                  : st == QLatin1String("Not_Reviewed") ? 1
                                  : st == QLatin1String("closed")       ? 3
                                                                        : 2;
                return group * 10 + o.value(QLatin1String("severity_cat")).toInt();
            };
            std::stable_sort(rows.begin(), rows.end(),
                             [&](const QJsonObject& a, const QJsonObject& b) { return rank(a) < rank(b); });
            for (QJsonObject& o : rows) {
                const QStringList joined =
                    o.value(QLatin1String("joined_workloads")).toVariant().toStringList();
                o.insert(QStringLiteral("joined_to"),
                         joined.isEmpty() ? tr("(not joined)") : joined.join(QStringLiteral(", ")));
                o.insert(QStringLiteral("review_flags"), flagsOf(o));
            }
            if (rows.isEmpty())
                emptyText = tr(
                    "No findings yet.\n\nImport scan results (Ctrl+I, or drop files on this window): Trivy "
                    "or Grype JSON, trivy-operator reports, CycloneDX or SPDX SBOMs. The format is "
                    "recognised from the content.");
        }
    }
    m_model->setRows(rows);
    fillCombo(m_source, QStringLiteral("source"), tr("Any source"));
    fillCombo(m_ns, QStringLiteral("namespace"), tr("Any namespace"));
    m_proxy->setSource(m_source->currentData().toString());
    m_proxy->setNamespace(m_ns->currentData().toString());
    fillGroups();
    m_empty->setText(emptyText);
    static_cast<QStackedLayout*>(m_table->parentWidget()->layout())
        ->setCurrentIndex(emptyText.isEmpty() ? 0 : 1);
    m_table->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_table->setColumnWidth(c, qMin(m_table->columnWidth(c), 320));
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_proxy->sort(-1);
    updateCounts();
    m_details->clear();
    if (m_proxy->rowCount() > 0)
        m_table->selectRow(0);
    updateActions();
}

void FindingsPage::reloadKeeping(const QString& identity)
{
    reload();
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        if (m_proxy->index(r, 0).data(RowRole).toJsonObject().value(QLatin1String("identity")).toString() ==
            identity) {
            m_table->selectRow(r);
            break;
        }
    }
}

void FindingsPage::updateActions()
{
    const bool any = m_ws && !m_ws->isReadOnly() && m_table->selectionModel()->hasSelection();
    m_reviewButton->setEnabled(any);
    m_riskButton->setEnabled(any);
}

QString FindingsPage::flagsOf(const QJsonObject& row)
{
    return DecisionStore::flags(row);
}

QList<QJsonObject> FindingsPage::selectedRows() const
{
    QList<QJsonObject> rows;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows())
        rows << i.data(RowRole).toJsonObject();
    return rows;
}

void FindingsPage::reviewSelected()
{
    const QList<QJsonObject> rows = selectedRows();
    if (!m_ws || rows.isEmpty())
        return;
    ReviewDialog dialog(static_cast<int>(rows.size()), m_ws->identity().reviewer(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    (void)applyReview(rows, dialog.review(), dialog.reviewer());
}

void FindingsPage::acceptRiskSelected()
{
    const QList<QJsonObject> rows = selectedRows();
    if (!m_ws || rows.isEmpty())
        return;
    RiskDialog dialog(static_cast<int>(rows.size()), m_ws->identity().reviewer(),
                      m_ws->clock().nowUtc().date(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    (void)applyRiskAcceptance(rows, dialog.acceptance(), dialog.reviewer());
}

bool FindingsPage::applyReview(const QList<QJsonObject>& rows, const DecisionStore::Review& review,
                               const QString& reviewer)
{
    if (!m_ws)
        return false;
    if (!reviewer.isEmpty())
        m_ws->setIdentity(Identity(reviewer, m_ws->identity().osUser()));
    const QString current =
        m_table->currentIndex().data(RowRole).toJsonObject().value(QLatin1String("identity")).toString();
    auto r = DecisionStore(*m_ws).review(rows, review);
    if (!r) {
        Dialogs::error(this, tr("Review not recorded"), r.error().toString());
        return false;
    }
    reloadKeeping(current);
    return true;
}

bool FindingsPage::applyRiskAcceptance(const QList<QJsonObject>& rows,
                                       const DecisionStore::RiskAcceptance& acceptance,
                                       const QString& reviewer)
{
    if (!m_ws)
        return false;
    if (!reviewer.isEmpty())
        m_ws->setIdentity(Identity(reviewer, m_ws->identity().osUser()));
    const QString current =
        m_table->currentIndex().data(RowRole).toJsonObject().value(QLatin1String("identity")).toString();
    auto r = DecisionStore(*m_ws).acceptRisk(rows, acceptance);
    if (!r) {
        Dialogs::error(this, tr("Risk acceptance not recorded"), r.error().toString());
        return false;
    }
    reloadKeeping(current);
    return true;
}

void FindingsPage::updateCounts()
{
    int open[4] = {0, 0, 0, 0};
    int joined = 0;
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QJsonObject o = m_proxy->index(r, 0).data(RowRole).toJsonObject();
        if (o.value(QLatin1String("review_status")).toString() == QLatin1String("Open"))
            ++open[qBound(0, o.value(QLatin1String("severity_cat")).toInt(), 3)];
        if (o.value(QLatin1String("joined")).toBool())
            ++joined;
    }
    auto badge = [](int cat, int n) -> QString {
        return QStringLiteral("<span style='background:%1;color:white;padding:2px'>&nbsp;%2: %3&nbsp;</span>")
            .arg(SeverityDelegate::colorFor(cat).name(), Severity::label(cat))
            .arg(n);
    };
    m_counts->setText(tr("Open %1 %2 %3 &nbsp; | &nbsp; %4 of %5 findings shown, %6 joined to workloads")
                          .arg(badge(1, open[1]), badge(2, open[2]), badge(3, open[3]))
                          .arg(m_proxy->rowCount())
                          .arg(m_model->rowCount())
                          .arg(joined));
}

QString FindingsPage::detailsText() const
{
    return m_details->toPlainText();
}

void FindingsPage::showDetails()
{
    m_details->clear();
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_ws)
        return;
    const QJsonObject o = current.data(RowRole).toJsonObject();
    QString html;
    html += QStringLiteral("<h3>%1 &nbsp;%2</h3>").arg(esc(o, "rule"), esc(o, "title"));
    html += tr("<p><b>%1</b> (the tool said <i>%2</i>) &nbsp; status <b>%3</b> &nbsp; %4 in this scan</p>")
                .arg(esc(o, "severity"), esc(o, "severity_original"), esc(o, "status"), esc(o, "lifecycle"));
    if (o.value(QLatin1String("reviewed")).toBool() || !o.value(QLatin1String("risk")).isNull() ||
        !o.value(QLatin1String("severity_override")).toString().isEmpty()) {
        html += tr("<p>Reviewed status <b>%1</b>").arg(esc(o, "review_status"));
        if (!o.value(QLatin1String("severity_override")).toString().isEmpty())
            html += tr(" &nbsp; severity overridden to <b>%1</b> (original %2)")
                        .arg(esc(o, "severity_override"), esc(o, "severity"));
        html += QStringLiteral("</p>");
    }
    if (o.value(QLatin1String("rereview")).toBool())
        html += tr("<p style='color:#b00020'><b>Re-review needed:</b> the evidence changed since the last "
                   "decision.</p>");
    const QJsonObject risk = o.value(QLatin1String("risk")).toObject();
    if (!risk.isEmpty())
        html +=
            (risk.value(QLatin1String("expired")).toBool()
                 ? tr("<p style='color:#b00020'><b>Risk acceptance EXPIRED</b> on %1: %2, accepted by %3</p>")
                 : tr("<p><b>Risk accepted</b> until %1: %2, accepted by %3</p>"))
                .arg(risk.value(QLatin1String("expires")).toString().toHtmlEscaped(),
                     risk.value(QLatin1String("reference")).toString().toHtmlEscaped(),
                     risk.value(QLatin1String("by")).toString().toHtmlEscaped());
    html += QStringLiteral("<table cellspacing=4>");
    auto row = [&html](const QString& k, const QString& v) {
        if (!v.isEmpty())
            html += QStringLiteral("<tr><td valign=top><b>%1</b></td><td>%2</td></tr>").arg(k, v);
    };
    row(tr("Source"), esc(o, "source") + QStringLiteral(" (") + esc(o, "format") + QLatin1Char(')'));
    row(tr("Category"), esc(o, "category"));
    row(tr("Subject"), esc(o, "subject") + QStringLiteral(" (") + esc(o, "subject_kind") + QLatin1Char(')'));
    if (!o.value(QLatin1String("package")).toString().isEmpty())
        row(tr("Package"), esc(o, "package") + QLatin1Char(' ') + esc(o, "installed_version") +
                               (o.value(QLatin1String("fixed_version")).toString().isEmpty()
                                    ? tr(", no fix yet")
                                    : tr(", fixed in %1").arg(esc(o, "fixed_version"))));
    row(tr("Image digest"), QStringLiteral("<tt>") + esc(o, "image_digest") + QStringLiteral("</tt>"));
    row(tr("Image ID"), QStringLiteral("<tt>") + esc(o, "image_id") + QStringLiteral("</tt>"));
    const QStringList joined = o.value(QLatin1String("joined_workloads")).toVariant().toStringList();
    row(tr("Workloads"), joined.isEmpty()
                             ? tr("<i>not joined to any workload of the snapshot</i>")
                             : joined.join(QStringLiteral("<br>"))
                                   .toHtmlEscaped()
                                   .replace(QStringLiteral("&lt;br&gt;"), QStringLiteral("<br>")));
    row(tr("Identifiers"), identifiersHtml(o.value(QLatin1String("identifiers")).toObject()));
    row(tr("Evidence"), esc(o, "evidence").replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    row(tr("Source file"), QStringLiteral("<tt>") + esc(o, "file") + QStringLiteral("</tt>"));
    row(tr("File SHA-256"), QStringLiteral("<tt>") + esc(o, "file_sha256") + QStringLiteral("</tt>"));
    row(tr("Position"), esc(o, "position"));
    row(tr("Imported"), esc(o, "imported_at"));
    html += QStringLiteral("</table>");
    if (auto history = FindingStore(*m_ws).history(o.value(QLatin1String("identity")).toString()); history) {
        html += tr("<h4>History across imports</h4><table border=1 cellspacing=0 cellpadding=3>"
                   "<tr><th>Import</th><th>Imported</th><th>Source</th><th>Status</th><th>In scan</th></tr>");
        for (const QJsonObject& h : history.value())
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                        .arg(esc(h, "import"), esc(h, "imported_at"), esc(h, "source"), esc(h, "status"),
                             esc(h, "lifecycle"));
        html += QStringLiteral("</table>");
    }
    if (auto decisions = DecisionStore(*m_ws).history(o.value(QLatin1String("identity")).toString());
        decisions && !decisions->isEmpty()) {
        html += tr("<h4>Decision history</h4><table border=1 cellspacing=0 cellpadding=3>"
                   "<tr><th>When (UTC)</th><th>Decision</th><th>Reviewer</th><th>OS user</th>"
                   "<th>Justification</th></tr>");
        for (const DecisionStore::Decision& d : decisions.value()) {
            QString what;
            if (d.kind == QLatin1String("status"))
                what = tr("status %1 (was %2)")
                           .arg(d.value, d.detail.value(QLatin1String("previous")).toString());
            else if (d.kind == QLatin1String("severity"))
                what = tr("severity %1 (original %2)")
                           .arg(d.value, d.detail.value(QLatin1String("original")).toString());
            else
                what = tr("risk accepted by %1, %2, expires %3")
                           .arg(d.detail.value(QLatin1String("by")).toString(), d.value,
                                d.detail.value(QLatin1String("expires")).toString());
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                        .arg(d.decidedAt.toHtmlEscaped(), what.toHtmlEscaped(), d.reviewer.toHtmlEscaped(),
                             d.osUser.toHtmlEscaped(), d.justification.toHtmlEscaped());
        }
        html += QStringLiteral("</table>");
    }
    m_details->setHtml(html);
}

} // namespace tollgate::ui
