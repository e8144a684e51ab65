#pragma once

#include "Page.h"

class QLabel;

namespace tollgate::ui {

// A page whose feature comes in a later release: it says what will appear there and how to get it.
class PlaceholderPage : public Page
{
    Q_OBJECT
public:
    PlaceholderPage(QString id, QString title, QIcon icon, QString explanation, QWidget* parent = nullptr);
    QString pageId() const override { return m_id; }
    QString title() const override { return m_title; }
    QIcon icon() const override { return m_icon; }
    void setContext(Workspace*, qint64) override {}

private:
    QString m_id;
    QString m_title;
    QIcon m_icon;
};

} // namespace tollgate::ui
