#include "ui/pages/ChangesPage.h"

#include "changes/ChangeSet.h"
#include "changes/ComponentSnapshot.h"
#include "changes/ServiceTemplate.h"
#include "store/ChangeStore.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"
#include "ui/dialogs/ChangeDecisionDialog.h"
#include "ui/dialogs/Dialogs.h"
#include "ui/widgets/Icons.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

constexpr int IdRole = Qt::UserRole + 1;

QString text(const QJsonValue& v)
{
    if (v.isArray()) {
        QStringList lines;
        for (const QJsonValue& x : v.toArray())
            lines << text(x);
        return lines.isEmpty() ? QStringLiteral("(none)") : lines.join(QLatin1Char('\n'));
    }
    if (v.isObject()) {
        QStringList parts;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            parts << it.key() + QLatin1Char('=') + text(it.value());
        return parts.join(QStringLiteral(", "));
    }
    if (v.isDouble())
        return QString::number(v.toDouble());
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return v.toString();
}

QString counts(const QJsonObject& o)
{
    QStringList parts;
    for (auto it = o.begin(); it != o.end(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.value().toInt()).arg(it.key());
    return parts.join(QStringLiteral(", "));
}

QString rollUp(const QJsonObject& findings)
{
    if (findings.isEmpty())
        return QString();
    QStringList parts;
    if (findings.contains(QLatin1String("opened")))
        parts << QStringLiteral("opens %1").arg(counts(findings.value(QLatin1String("opened")).toObject()));
    if (findings.contains(QLatin1String("closed")))
        parts << QStringLiteral("closes %1").arg(counts(findings.value(QLatin1String("closed")).toObject()));
    return parts.join(QStringLiteral("; "));
}

QColor decisionColor(const QString& d)
{
    if (d == QLatin1String("approved"))
        return QColor(0x2e, 0x7d, 0x32);
    if (d == QLatin1String("rejected"))
        return QColor(0xc6, 0x28, 0x28);
    if (d == QLatin1String("undecided"))
        return QColor(0x61, 0x61, 0x61);
    return QColor(0xe6, 0x5c, 0x00);
}

} // namespace

ChangesPage::ChangesPage(QWidget* parent) : Page(parent)
{
    setObjectName(QStringLiteral("changesPage"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("changesHeading"));
    m_heading->setWordWrap(true);
    m_heading->setStyleSheet(QStringLiteral("font-size: 14px; font-weight: bold;"));
    top->addWidget(m_heading, 1);
    m_progressLabel = new QLabel(this);
    m_progressLabel->setObjectName(QStringLiteral("changesProgress"));
    top->addWidget(m_progressLabel);
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    top->addWidget(m_progress);
    m_baseline = new QPushButton(tr("Approve as baseline"), this);
    m_baseline->setObjectName(QStringLiteral("approveBaseline"));
    top->addWidget(m_baseline);
    layout->addLayout(top);

    auto* split = new QSplitter(Qt::Horizontal, this);
    m_tree = new QTreeWidget(split);
    m_tree->setObjectName(QStringLiteral("changeTree"));
    m_tree->setHeaderLabels({tr("Component / change"), tr("Decision"), tr("Findings")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    auto* right = new QWidget(split);
    auto* rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    m_changeTitle = new QLabel(right);
    m_changeTitle->setObjectName(QStringLiteral("changeTitle"));
    m_changeTitle->setWordWrap(true);
    m_changeTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rl->addWidget(m_changeTitle);
    m_fields = new QTableWidget(0, 3, right);
    m_fields->setObjectName(QStringLiteral("changeFields"));
    m_fields->setHorizontalHeaderLabels({tr("Field"), tr("Before (baseline)"), tr("After (new)")});
    m_fields->verticalHeader()->hide();
    m_fields->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fields->setWordWrap(true);
    m_fields->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_fields->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_fields->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    rl->addWidget(m_fields, 3);
    m_findings = new QLabel(right);
    m_findings->setObjectName(QStringLiteral("changeFindings"));
    m_findings->setWordWrap(true);
    rl->addWidget(m_findings);
    m_evidence = new QTextBrowser(right);
    m_evidence->setObjectName(QStringLiteral("changeEvidence"));
    rl->addWidget(m_evidence, 2);
    auto* buttons = new QHBoxLayout;
    for (const QString& v : ChangeStore::verdicts()) {
        auto* b = new QPushButton(verdictLabel(v), right);
        b->setObjectName(QStringLiteral("decide-") + v);
        connect(b, &QPushButton::clicked, this, [this, v] { decideCurrent(v); });
        buttons->addWidget(b);
        m_buttons.insert(v, b);
    }
    buttons->addStretch(1);
    rl->addLayout(buttons);
    split->addWidget(m_tree);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({520, 780});
    layout->addWidget(split, 1);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] {
        showDetails();
        updateActions();
    });
    connect(m_baseline, &QPushButton::clicked, this, &ChangesPage::approveBaseline);
    reload();
}

QIcon ChangesPage::icon() const
{
    return Icons::get("changes");
}

QString ChangesPage::verdictLabel(const QString& verdict)
{
    if (verdict == QLatin1String("approved"))
        return tr("Approve");
    if (verdict == QLatin1String("rejected"))
        return tr("Reject");
    if (verdict == QLatin1String("needs-info"))
        return tr("Needs info");
    if (verdict == QLatin1String("refer-ao"))
        return tr("Refer to AO");
    return verdict;
}

void ChangesPage::setContext(Workspace* ws, qint64 snapshotId)
{
    m_ws = ws;
    m_snapshotId = snapshotId;
    reload();
}

void ChangesPage::reload()
{
    const QString keep = currentChange().value(QLatin1String("id")).toString();
    m_changes.clear();
    m_base = m_next = 0;
    m_hasBaseline = false;
    m_tree->clear();
    QString problem;
    if (!m_ws) {
        problem = tr("Open a workspace to review its changes.");
    } else if (auto all = SnapshotStore(*m_ws).list(); !all) {
        problem = all.error().toString();
    } else if (all->isEmpty()) {
        problem = tr("The workspace has no snapshot yet: import one, then a newer one to compare.");
    } else if (auto b = ChangeStore(*m_ws).baseline(); !b) {
        problem = b.error().toString();
    } else {
        m_base = b->value(QLatin1String("snapshot")).toInteger();
        m_hasBaseline = m_base != 0;
        if (!m_base)
            m_base = all->first().id;
        m_next = all->last().id;
        for (const SnapshotInfo& s : all.value())
            if (s.id == m_snapshotId && s.id > m_base)
                m_next = s.id;
        if (m_next != m_base) {
            auto base = ComponentSnapshot::load(*m_ws, m_base);
            auto next =
                base ? ComponentSnapshot::load(*m_ws, m_next) : Result<ComponentSnapshot>(base.error());
            if (!next) {
                problem = next.error().toString();
            } else {
                auto annotated = ChangeStore(*m_ws).annotate(ServiceTemplate::attach(
                    ChangeSet::compute(base.value(), next.value()), ServiceTemplate::builtIn()));
                if (!annotated)
                    problem = annotated.error().toString();
                else
                    m_changes = std::move(annotated).value();
            }
        }
    }
    if (!problem.isEmpty()) {
        m_heading->setText(problem);
    } else if (m_next == m_base) {
        m_heading->setText(
            m_hasBaseline ? tr("Snapshot %1 is the approved baseline: import a newer snapshot to review "
                               "what changes.")
                                .arg(m_base)
                          : tr("Snapshot %1 is the only snapshot: approve it as the first baseline, then "
                               "import a newer one.")
                                .arg(m_base));
    } else {
        m_heading->setText(
            tr("Changes from snapshot %1 (%2) to snapshot %3")
                .arg(m_base)
                .arg(m_hasBaseline ? tr("approved baseline") : tr("first snapshot, no baseline yet"))
                .arg(m_next));
    }
    // Grouped by component, in the change list's order.
    QMap<QString, QTreeWidgetItem*> groups;
    QTreeWidgetItem* select = nullptr;
    for (const QJsonObject& c : std::as_const(m_changes)) {
        const QString component = c.value(QLatin1String("component")).toString();
        QTreeWidgetItem* group = groups.value(component);
        if (!group) {
            group = new QTreeWidgetItem(m_tree, {component});
            QFont f = group->font(0);
            f.setBold(true);
            group->setFont(0, f);
            group->setFirstColumnSpanned(true);
            groups.insert(component, group);
        }
        const QString decision = c.value(QLatin1String("decision")).toString();
        auto* item = new QTreeWidgetItem(group, {c.value(QLatin1String("summary")).toString(), decision,
                                                 rollUp(c.value(QLatin1String("findings")).toObject())});
        item->setData(0, IdRole, c.value(QLatin1String("id")).toString());
        QString tip = c.value(QLatin1String("kind")).toString() + QStringLiteral(": ") +
                      c.value(QLatin1String("summary")).toString();
        for (const QJsonValue& t : c.value(QLatin1String("templates")).toArray())
            tip += QLatin1Char('\n') + t.toObject().value(QLatin1String("summary")).toString();
        item->setToolTip(0, tip);
        item->setForeground(1, decisionColor(decision));
        if (c.value(QLatin1String("id")).toString() == keep)
            select = item;
    }
    for (QTreeWidgetItem* g : std::as_const(groups)) {
        int decided = 0;
        for (int i = 0; i < g->childCount(); ++i)
            decided += g->child(i)->text(1) != QLatin1String("undecided");
        g->setText(0, tr("%1 (%2 of %3 decided)").arg(g->text(0)).arg(decided).arg(g->childCount()));
    }
    m_tree->expandAll();
    m_tree->resizeColumnToContents(1);
    if (!select && m_tree->topLevelItemCount() > 0) {
        // The first undecided change, else the first change.
        for (int g = 0; g < m_tree->topLevelItemCount() && !select; ++g)
            for (int i = 0; i < m_tree->topLevelItem(g)->childCount() && !select; ++i)
                if (m_tree->topLevelItem(g)->child(i)->text(1) == QLatin1String("undecided"))
                    select = m_tree->topLevelItem(g)->child(i);
        if (!select)
            select = m_tree->topLevelItem(0)->child(0);
    }
    if (select)
        m_tree->setCurrentItem(select);
    int decided = 0;
    for (const QJsonObject& c : std::as_const(m_changes))
        decided += c.value(QLatin1String("decision")).toString() != QLatin1String("undecided");
    m_progressLabel->setText(tr("%1 of %2 changes decided").arg(decided).arg(m_changes.size()));
    m_progress->setRange(0, std::max<int>(1, static_cast<int>(m_changes.size())));
    m_progress->setValue(m_changes.isEmpty() ? 1 : decided);
    showDetails();
    updateActions();
}

QJsonObject ChangesPage::currentChange() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    const QString id = item ? item->data(0, IdRole).toString() : QString();
    for (const QJsonObject& c : m_changes)
        if (!id.isEmpty() && c.value(QLatin1String("id")).toString() == id)
            return c;
    return {};
}

bool ChangesPage::selectChange(const QString& id)
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g)
        for (int i = 0; i < m_tree->topLevelItem(g)->childCount(); ++i)
            if (m_tree->topLevelItem(g)->child(i)->data(0, IdRole).toString() == id) {
                m_tree->setCurrentItem(m_tree->topLevelItem(g)->child(i));
                return true;
            }
    return false;
}

void ChangesPage::showDetails()
{
    const QJsonObject c = currentChange();
    m_fields->setRowCount(0);
    if (c.isEmpty()) {
        m_changeTitle->setText(m_changes.isEmpty() ? tr("No change to review.")
                                                   : tr("Select a change to see it field by field."));
        m_findings->clear();
        m_evidence->clear();
        return;
    }
    const QString decision = c.value(QLatin1String("decision")).toString();
    m_changeTitle->setText(QStringLiteral("<b>%1</b><br>%2 · %3 · decision: <b style=\"color:%4\">%5</b>")
                               .arg(c.value(QLatin1String("summary")).toString().toHtmlEscaped(),
                                    c.value(QLatin1String("id")).toString(),
                                    c.value(QLatin1String("kind")).toString(), decisionColor(decision).name(),
                                    decision));
    const QJsonArray fields = c.value(QLatin1String("fields")).toArray();
    m_fields->setRowCount(static_cast<int>(fields.size()));
    for (int i = 0; i < fields.size(); ++i) {
        const QJsonObject f = fields.at(i).toObject();
        auto* name = new QTableWidgetItem(f.value(QLatin1String("field")).toString());
        auto* before = new QTableWidgetItem(
            f.contains(QLatin1String("old")) ? text(f.value(QLatin1String("old"))) : QStringLiteral("—"));
        auto* after = new QTableWidgetItem(
            f.contains(QLatin1String("new")) ? text(f.value(QLatin1String("new"))) : QStringLiteral("—"));
        if (f.contains(QLatin1String("old")))
            before->setBackground(QColor(0xfd, 0xec, 0xea));
        if (f.contains(QLatin1String("new")))
            after->setBackground(QColor(0xe8, 0xf5, 0xe9));
        m_fields->setItem(i, 0, name);
        m_fields->setItem(i, 1, before);
        m_fields->setItem(i, 2, after);
    }
    m_fields->resizeRowsToContents();
    const QJsonObject findings = c.value(QLatin1String("findings")).toObject();
    QString f = rollUp(findings);
    if (findings.contains(QLatin1String("worst_new")))
        f += tr("; worst new: %1")
                 .arg(text(findings.value(QLatin1String("worst_new")))
                          .replace(QLatin1Char('\n'), QStringLiteral(", ")));
    m_findings->setText(f.isEmpty() ? tr("Findings roll-up: no vulnerability finding opened or closed.")
                                    : tr("Findings roll-up: %1").arg(f));
    QString html;
    const QJsonArray templates = c.value(QLatin1String("templates")).toArray();
    if (!templates.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4>").arg(tr("Service templates (evidence, never an approval)"));
        for (const QJsonValue& tv : templates) {
            const QJsonObject t = tv.toObject();
            html += QStringLiteral("<p><b>%1</b></p><table cellspacing=\"0\" cellpadding=\"2\">")
                        .arg(t.value(QLatin1String("summary")).toString().toHtmlEscaped());
            for (const QJsonValue& kv : t.value(QLatin1String("conditions")).toArray()) {
                const QJsonObject k = kv.toObject();
                const bool passed = k.value(QLatin1String("passed")).toBool();
                html += QStringLiteral("<tr><td style=\"color:%1\"><b>%2</b></td><td>%3</td><td>%4</td></tr>")
                            .arg(passed ? QStringLiteral("#2e7d32") : QStringLiteral("#c62828"),
                                 passed ? tr("pass") : tr("FAIL"),
                                 k.value(QLatin1String("condition")).toString().toHtmlEscaped(),
                                 k.value(QLatin1String("evidence")).toString().toHtmlEscaped());
            }
            html += QStringLiteral("</table>");
        }
    }
    html += QStringLiteral("<h4>%1</h4>").arg(tr("Decision history"));
    const QJsonArray history = c.value(QLatin1String("decisions")).toArray();
    if (history.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(tr("Undecided."));
    for (const QJsonValue& hv : history) {
        const QJsonObject h = hv.toObject();
        html += QStringLiteral("<p>%1 <b>%2</b> by %3 (%4): %5</p>")
                    .arg(h.value(QLatin1String("decided_at")).toString(),
                         h.value(QLatin1String("decision")).toString(),
                         h.value(QLatin1String("reviewer")).toString().toHtmlEscaped(),
                         h.value(QLatin1String("os_user")).toString().toHtmlEscaped(),
                         h.value(QLatin1String("rationale")).toString().toHtmlEscaped());
    }
    m_evidence->setHtml(html);
}

QString ChangesPage::detailsText() const
{
    QString out = m_changeTitle->text() + QLatin1Char('\n');
    for (int r = 0; r < m_fields->rowCount(); ++r)
        out += m_fields->item(r, 0)->text() + QStringLiteral(" | ") + m_fields->item(r, 1)->text() +
               QStringLiteral(" | ") + m_fields->item(r, 2)->text() + QLatin1Char('\n');
    return out + m_findings->text() + QLatin1Char('\n') + m_evidence->toPlainText();
}

void ChangesPage::updateActions()
{
    const bool change = !currentChange().isEmpty();
    for (QPushButton* b : std::as_const(m_buttons))
        b->setEnabled(change);
    // The baseline rule of ChangeStore::setBaseline: every change to the new snapshot approved (the
    // first baseline, of a single snapshot, needs none).
    bool allowed = m_ws && m_next != 0;
    for (const QJsonObject& c : std::as_const(m_changes))
        allowed = allowed && c.value(QLatin1String("decision")).toString() == QLatin1String("approved");
    if (m_hasBaseline && m_next == m_base)
        allowed = false;
    m_baseline->setEnabled(allowed);
    m_baseline->setText(m_next ? tr("Approve snapshot %1 as baseline").arg(m_next)
                               : tr("Approve as baseline"));
    m_baseline->setToolTip(allowed ? tr("Record snapshot %1 as the approved baseline").arg(m_next)
                                   : tr("Every change must be approved first"));
}

void ChangesPage::decideCurrent(const QString& verdict)
{
    const QJsonObject c = currentChange();
    if (!m_ws || c.isEmpty())
        return;
    ChangeDecisionDialog dialog(verdictLabel(verdict), c.value(QLatin1String("summary")).toString(),
                                m_ws->identity().reviewer(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    (void)applyDecision(c, verdict, dialog.rationale(), dialog.reviewer());
}

bool ChangesPage::applyDecision(const QJsonObject& change, const QString& verdict, const QString& rationale,
                                const QString& reviewer)
{
    if (!m_ws)
        return false;
    if (!reviewer.isEmpty())
        m_ws->setIdentity(Identity(reviewer, m_ws->identity().osUser()));
    if (Status s = ChangeStore(*m_ws).decide(change, m_next, verdict, rationale, reviewer); !s.ok()) {
        Dialogs::error(this, tr("Decision not recorded"), s.error().toString());
        return false;
    }
    reload();
    return true;
}

void ChangesPage::approveBaseline()
{
    if (!m_ws || !m_baseline->isEnabled())
        return;
    bool ok = false;
    const QString approver = QInputDialog::getText(this, tr("Approve snapshot %1 as baseline").arg(m_next),
                                                   tr("Approver (recorded with the time and your operating-"
                                                      "system user):"),
                                                   QLineEdit::Normal, m_ws->identity().reviewer(), &ok);
    if (!ok)
        return;
    (void)applyBaseline(approver);
}

bool ChangesPage::applyBaseline(const QString& approver)
{
    if (!m_ws)
        return false;
    const qint64 id = m_next;
    if (Status s = ChangeStore(*m_ws).setBaseline(id, approver, m_changes); !s.ok()) {
        Dialogs::error(this, tr("Baseline not recorded"), s.error().toString());
        return false;
    }
    reload();
    Q_EMIT baselineApproved(id);
    return true;
}

} // namespace tollgate::ui
