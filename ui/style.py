"""The one calm, legible stylesheet. Sizes derive from the system font, so text follows it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def apply_style(app: QApplication) -> None:
    base = app.font().pointSizeF()
    if base <= 0:
        base = 10.0
    app.setStyleSheet(
        f"""
        QWidget {{ color: #1f2933; }}
        QMainWindow, QStackedWidget > QWidget {{ background: #f7f7f5; }}
        #card {{ background: #ffffff; border: 1px solid #d9dcd6; border-radius: 8px; }}
        #viewTitle {{ font-size: {base * 1.5:.1f}pt; font-weight: 600; }}
        #caseTitle {{ font-size: {base * 1.25:.1f}pt; font-weight: 600; }}
        #panelTitle {{ font-weight: 600; color: #3e4c59; }}
        #muted {{ color: #52606d; }}
        #errorText {{ color: #a61b1b; font-weight: 600; }}
        #warningBox {{ background: #fff4d6; border-left: 4px solid #c98a00;
                       padding: 6px 8px 6px 12px; }}
        #calmBanner {{ background: #e8f1f8; border: 1px solid #b6cfe4; border-radius: 6px;
                       padding: 6px 10px; color: #243b53; }}
        #openBanner {{ background: #fff4d6; border: 1px solid #e5c46b; border-radius: 6px; }}
        #capsHint {{ color: #8a4b00; }}
        #stageNav {{ background: #ffffff; border: 1px solid #d9dcd6; }}
        #stageNav::item {{ padding: 8px 10px; border-bottom: 1px solid #eceee9; }}
        #stageNav::item:selected {{ background: #dbe9f6; color: #102a43; }}
        QPushButton {{ padding: 5px 14px; }}
        QPushButton:focus, QLineEdit:focus, QComboBox:focus, QTableView:focus,
        QListWidget:focus, QPlainTextEdit:focus, QTextBrowser:focus {{
            border: 2px solid #2f6fb0; }}
        QTableView {{ background: #ffffff; selection-background-color: #2f6fb0;
                      selection-color: #ffffff; }}
        """
    )
