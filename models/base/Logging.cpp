#include "base/Logging.h"

Q_LOGGING_CATEGORY(lcStore, "tollgate.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcImport, "tollgate.import", QtWarningMsg)
Q_LOGGING_CATEGORY(lcInventory, "tollgate.inventory", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAudit, "tollgate.audit", QtWarningMsg)
Q_LOGGING_CATEGORY(lcFindings, "tollgate.findings", QtWarningMsg)
Q_LOGGING_CATEGORY(lcGraph, "tollgate.graph", QtWarningMsg)
Q_LOGGING_CATEGORY(lcExport, "tollgate.export", QtWarningMsg)
Q_LOGGING_CATEGORY(lcReports, "tollgate.reports", QtWarningMsg)
