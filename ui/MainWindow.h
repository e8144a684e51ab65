#pragma once

#include <QMainWindow>

namespace tollgate::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace tollgate::ui
