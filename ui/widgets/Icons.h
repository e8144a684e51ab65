#pragma once

#include <QIcon>

namespace tollgate::ui {

// The icon set (SVG in resources/icons, compiled in).
class Icons
{
public:
    static QIcon get(const char* name);
    static QIcon app() { return get("tollgate"); }
    // Registers the compiled-in resources (they live in a static library); call once after QApplication.
    static void initResources();
};

} // namespace tollgate::ui
