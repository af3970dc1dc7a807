/* SPDX-License-Identifier: MIT */
/* Not written yet. */
typedef int l2a_stub_scorer_;
