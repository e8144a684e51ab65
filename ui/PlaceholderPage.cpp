#include "PlaceholderPage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace tollgate::ui {

PlaceholderPage::PlaceholderPage(QString id, QString title, QIcon icon, QString explanation, QWidget* parent)
    : Page(parent), m_id(std::move(id)), m_title(std::move(title)), m_icon(std::move(icon))
{
    setObjectName(m_id + QStringLiteral("Page"));
    auto* layout = new QVBoxLayout(this);
    auto* pic = new QLabel(this);
    pic->setPixmap(m_icon.pixmap(64, 64, QIcon::Disabled));
    pic->setAlignment(Qt::AlignCenter);
    auto* heading = new QLabel(QStringLiteral("<h2>%1</h2>").arg(m_title.toHtmlEscaped()), this);
    heading->setAlignment(Qt::AlignCenter);
    auto* text = new QLabel(explanation, this);
    text->setObjectName(m_id + QStringLiteral("Explanation"));
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setMaximumWidth(560);
    layout->addStretch(2);
    layout->addWidget(pic);
    layout->addWidget(heading);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addStretch(3);
}

} // namespace tollgate::ui
