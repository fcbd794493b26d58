/* perfscore.h: the whole public API, in pipeline order. */
#ifndef PERFSCORE_H
#define PERFSCORE_H
#include "diag.h"
#include "dec.h"
#include "text.h"
#include "source.h"
#include "value.h"
#include "table.h"
#include "rule.h"
#include "policy.h"
#include "score.h"
#include "report.h"
#include "audit.h"
#include "summary.h"
#endif
