package dev.devserver.router;

import dev.devserver.serving.ServiceStatus;

import java.util.List;

/** The page for a Host no function answers to: lists the URLs that do work. Everything is escaped. */
final class NotFoundPage {
    private NotFoundPage() {
    }

    static String render(String host, List<ServiceStatus> statuses) {
        StringBuilder page = new StringBuilder(512)
                .append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>No function here</title></head><body>\n")
                .append("<h1>No function answers to ").append(escape(host)).append("</h1>\n");
        if (statuses.isEmpty()) {
            page.append("<p>No functions are running.</p>\n");
        } else {
            page.append("<p>Functions served here:</p>\n<ul>\n");
            for (ServiceStatus status : statuses) {
                page.append("<li><a href=\"").append(escape(status.url())).append("\">")
                        .append(escape(status.url())).append("</a> (").append(escape(status.function()))
                        .append(status.ready() ? ", ready" : ", not ready").append(")</li>\n");
            }
            page.append("</ul>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
