#include "ui/pages/InventoryPage.h"

#include "io/YamlEmitter.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"
#include "ui/widgets/Icons.h"
#include "viewmodels/Roles.h"
#include "viewmodels/RowTableModel.h"

#include <QAction>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedLayout>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {
using Col = TabularFormat::Column;
using Listing = SnapshotStore::Listing;

struct ListingSpec
{
    const char* id;
    const char* title;
    Listing listing;
    QList<Col> columns;
};

const QList<ListingSpec>& specs()
{
    static const QList<ListingSpec> s = {
        {"workloads",
         QT_TR_NOOP("Workloads"),
         Listing::Workloads,
         {{QStringLiteral("namespace"), QObject::tr("Namespace")},
          {QStringLiteral("kind"), QObject::tr("Kind")},
          {QStringLiteral("name"), QObject::tr("Name")},
          {QStringLiteral("replicas"), QObject::tr("Replicas")},
          {QStringLiteral("service_account"), QObject::tr("Service account")},
          {QStringLiteral("images"), QObject::tr("Images")},
          {QStringLiteral("source"), QObject::tr("Source")}}},
        {"images",
         QT_TR_NOOP("Images"),
         Listing::Images,
         {{QStringLiteral("registry"), QObject::tr("Registry")},
          {QStringLiteral("repository"), QObject::tr("Repository")},
          {QStringLiteral("tag"), QObject::tr("Tag")},
          {QStringLiteral("digest"), QObject::tr("Digest")},
          {QStringLiteral("workload_count"), QObject::tr("Workloads")}}},
        {"services",
         QT_TR_NOOP("Services"),
         Listing::Services,
         {{QStringLiteral("namespace"), QObject::tr("Namespace")},
          {QStringLiteral("name"), QObject::tr("Name")},
          {QStringLiteral("type"), QObject::tr("Type")},
          {QStringLiteral("selector"), QObject::tr("Selector")},
          {QStringLiteral("external_ips"), QObject::tr("External IPs")},
          {QStringLiteral("source"), QObject::tr("Source")}}},
        {"exposures",
         QT_TR_NOOP("Exposures"),
         Listing::Exposures,
         {{QStringLiteral("kind"), QObject::tr("Kind")},
          {QStringLiteral("namespace"), QObject::tr("Namespace")},
          {QStringLiteral("name"), QObject::tr("Name")},
          {QStringLiteral("host"), QObject::tr("Host")},
          {QStringLiteral("port"), QObject::tr("Port")},
          {QStringLiteral("target"), QObject::tr("Target")},
          {QStringLiteral("detail"), QObject::tr("Detail")}}},
        {"namespaces",
         QT_TR_NOOP("Namespaces"),
         Listing::Namespaces,
         {{QStringLiteral("name"), QObject::tr("Name")},
          {QStringLiteral("declared"), QObject::tr("Declared")},
          {QStringLiteral("workloads"), QObject::tr("Workloads")},
          {QStringLiteral("labels"), QObject::tr("Labels")}}},
        {"files",
         QT_TR_NOOP("Files"),
         Listing::Files,
         {{QStringLiteral("path"), QObject::tr("Path")},
          {QStringLiteral("objects"), QObject::tr("Objects")},
          {QStringLiteral("size"), QObject::tr("Bytes")},
          {QStringLiteral("sha256"), QObject::tr("SHA-256")}}},
        {"skipped",
         QT_TR_NOOP("Skipped"),
         Listing::Skipped,
         {{QStringLiteral("path"), QObject::tr("Path")},
          {QStringLiteral("line"), QObject::tr("Line")},
          {QStringLiteral("reason"), QObject::tr("Reason")}}},
        {"kinds",
         QT_TR_NOOP("Kinds"),
         Listing::Kinds,
         {{QStringLiteral("group"), QObject::tr("API group")},
          {QStringLiteral("kind"), QObject::tr("Kind")},
          {QStringLiteral("count"), QObject::tr("Objects")},
          {QStringLiteral("analysed"), QObject::tr("Analysed")}}},
    };
    return s;
}

void addJson(QTreeWidgetItem* parent, const QString& key, const QJsonValue& v)
{
    auto* item = new QTreeWidgetItem(parent, QStringList{key});
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            addJson(item, it.key(), it.value());
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i)
            addJson(item, QString::number(i), a.at(i));
    } else {
        item->setText(1, TabularFormat::cell(v));
    }
}
} // namespace

InventoryPage::InventoryPage(QWidget* parent) : Page(parent)
{
    setObjectName(QStringLiteral("inventoryPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* top = new QHBoxLayout;
    m_kinds = new QTabBar(this);
    m_kinds->setObjectName(QStringLiteral("inventoryKinds"));
    m_kinds->setExpanding(false);
    m_kinds->setDocumentMode(true);
    for (const ListingSpec& s : specs())
        m_kinds->addTab(tr(s.title));
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("inventoryFilter"));
    m_filter->setPlaceholderText(tr("Filter (Ctrl+F): any column, e.g. a namespace or registry"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(280);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("inventoryCount"));
    m_findings = new QPushButton(Icons::get("findings"), tr("Findings"), this);
    m_findings->setObjectName(QStringLiteral("inventoryFindings"));
    m_findings->setToolTip(tr("The scan findings joined to the selected workload (Ctrl+Shift+F)"));
    m_findings->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+F")));
    top->addWidget(m_kinds, 1);
    top->addWidget(m_filter);
    top->addWidget(m_count);
    top->addWidget(m_findings);
    layout->addLayout(top);

    m_model = new RowTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("inventorySplitter"));
    auto* tableHolder = new QWidget(split);
    auto* stack = new QStackedLayout(tableHolder);
    m_table = new QTableView(tableHolder);
    m_table->setObjectName(QStringLiteral("inventoryTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_empty = new QLabel(tableHolder);
    m_empty->setObjectName(QStringLiteral("inventoryEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    stack->addWidget(m_table);
    stack->addWidget(m_empty);

    auto* details = new QTabWidget(split);
    details->setObjectName(QStringLiteral("inventoryDetails"));
    m_fields = new QTreeWidget(details);
    m_fields->setObjectName(QStringLiteral("inventoryFields"));
    m_fields->setHeaderLabels({tr("Field"), tr("Value")});
    m_fields->setColumnWidth(0, 260);
    m_yaml = new QPlainTextEdit(details);
    m_yaml->setObjectName(QStringLiteral("inventoryYaml"));
    m_yaml->setReadOnly(true);
    m_yaml->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_yaml->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto* sourceTab = new QWidget(details);
    auto* sourceLayout = new QVBoxLayout(sourceTab);
    m_source = new QLabel(sourceTab);
    m_source->setObjectName(QStringLiteral("inventorySource"));
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_source->setWordWrap(true);
    m_source->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    sourceLayout->addWidget(m_source);
    details->addTab(m_fields, tr("Fields"));
    details->addTab(m_yaml, tr("YAML"));
    details->addTab(sourceTab, tr("Source"));
    split->addWidget(tableHolder);
    split->addWidget(details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_kinds, &QTabBar::currentChanged, this, [this] { reload(); });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        m_count->setText(tr("%1 of %2").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showDetails();
        m_findings->setEnabled(!selectedWorkload().isEmpty());
    });
    auto request = [this] {
        const QString w = selectedWorkload();
        if (!w.isEmpty())
            Q_EMIT findingsRequested(w);
    };
    connect(m_findings, &QPushButton::clicked, this, request);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* showFindings = new QAction(Icons::get("findings"), tr("Show findings of this workload"), m_table);
    connect(showFindings, &QAction::triggered, this, request);
    m_table->addAction(showFindings);
    reload();
}

QIcon InventoryPage::icon() const
{
    return Icons::get("inventory");
}

void InventoryPage::setContext(Workspace* ws, qint64 snapshotId)
{
    m_ws = ws;
    m_snapshotId = snapshotId;
    reload();
}

void InventoryPage::setListing(const QString& id)
{
    for (int i = 0; i < specs().size(); ++i)
        if (QLatin1String(specs()[i].id) == id)
            m_kinds->setCurrentIndex(i);
}

QString InventoryPage::selectedWorkload() const
{
    if (listing() != QLatin1String("workloads"))
        return {};
    const QJsonObject row = m_table->currentIndex().data(RowRole).toJsonObject();
    if (row.isEmpty())
        return {};
    return row.value(QLatin1String("namespace")).toString() + QLatin1Char('/') +
           row.value(QLatin1String("kind")).toString() + QLatin1Char('/') +
           row.value(QLatin1String("name")).toString();
}

QString InventoryPage::listing() const
{
    return QString::fromLatin1(specs().value(m_kinds->currentIndex()).id);
}

void InventoryPage::reload()
{
    const ListingSpec& spec =
        specs()[qBound(0, m_kinds->currentIndex(), static_cast<int>(specs().size()) - 1)];
    m_model->setColumns(spec.columns);
    QList<QJsonObject> rows;
    QString emptyText;
    if (!m_ws) {
        emptyText =
            tr("No workspace is open.\n\nCreate one (Ctrl+N) or open one (Ctrl+O), then import a cluster "
               "snapshot (Ctrl+I) or drop a manifest folder on this window.");
    } else if (!m_snapshotId) {
        emptyText =
            tr("This workspace has no snapshot yet.\n\nImport a cluster snapshot (Ctrl+I): a folder of "
               "manifests, YAML or JSON files, or a .tar.gz.");
    } else if (auto r = SnapshotStore(*m_ws).listing(m_snapshotId, spec.listing); r) {
        rows = std::move(r).value();
        if (rows.isEmpty())
            emptyText = tr("No %1 in this snapshot.").arg(tr(spec.title).toLower());
    } else {
        emptyText = r.error().toString();
    }
    m_model->setRows(rows);
    m_empty->setText(emptyText);
    static_cast<QStackedLayout*>(m_table->parentWidget()->layout())
        ->setCurrentIndex(emptyText.isEmpty() ? 0 : 1);
    m_count->setText(tr("%1 of %2").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    m_table->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_table->setColumnWidth(c, qMin(m_table->columnWidth(c), 420));
    m_fields->clear();
    m_yaml->clear();
    m_source->clear();
    m_table->sortByColumn(0, Qt::AscendingOrder);
    if (m_proxy->rowCount() > 0)
        m_table->selectRow(0);
    m_findings->setVisible(QLatin1String(spec.id) == QLatin1String("workloads"));
    m_findings->setEnabled(!selectedWorkload().isEmpty());
}

void InventoryPage::showDetails()
{
    m_fields->clear();
    m_yaml->clear();
    m_source->clear();
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_ws)
        return;
    const QJsonObject row = current.data(RowRole).toJsonObject();
    for (auto it = row.begin(); it != row.end(); ++it)
        addJson(m_fields->invisibleRootItem(), it.key(), it.value());
    const QVariant objectId = current.data(ObjectIdRole);
    if (!objectId.isValid() || objectId.isNull()) {
        m_yaml->setPlainText(YamlEmitter::toYaml(row));
        m_source->setText(tr("This row is derived from several objects."));
        return;
    }
    auto obj = SnapshotStore(*m_ws).object(objectId.toLongLong());
    if (!obj) {
        m_source->setText(obj.error().toString());
        return;
    }
    const QJsonObject o = obj.value();
    m_yaml->setPlainText(YamlEmitter::toYaml(o.value(QLatin1String("body"))));
    m_source->setText(
        tr("<b>%1</b> %2/%3<br><br>Source: <tt>%4:%5</tt><br>File SHA-256: <tt>%6</tt><br><br>"
           "Secret values (data, stringData, last-applied configuration) are removed at import and "
           "never stored.")
            .arg(o.value(QLatin1String("kind")).toString().toHtmlEscaped(),
                 o.value(QLatin1String("namespace")).toString().toHtmlEscaped(),
                 o.value(QLatin1String("name")).toString().toHtmlEscaped(),
                 o.value(QLatin1String("file")).toString().toHtmlEscaped())
            .arg(o.value(QLatin1String("line")).toInt())
            .arg(o.value(QLatin1String("file_sha256")).toString()));
}

} // namespace tollgate::ui
