/* /static/NAME: the files of web/ compiled into the binary (and ECharts
 * from npm as web/echarts.min.js), with their content type and a
 * Cache-Control header; nothing is read from the disk. */
#include "core/embedded.h"
#include "web/pages.h"
#include <string.h>

static const char *const types[][2] = {
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
};

static const char *content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return NULL;
}

int page_static(struct web_req *req, struct web_resp *resp, err *e)
{
	(void)e;
	const char *name = req->path + strlen("/static/");
	const char *type = content_type(name);
	buf path = BUF_INIT;
	buf_printf(&path, "web/%s", name);
	/* only web/ files, and no way out of it */
	const struct embedded_file *f =
	        type && !strstr(name, "..") && !strchr(name, '/') ? embedded_find(buf_str(&path)) : NULL;
	buf_free(&path);
	if (!f) {
		resp->status = 404;
		resp->content_type = "text/plain; charset=utf-8";
		buf_puts(&resp->body, "404 no such file\n");
		return 0;
	}
	resp->content_type = type;
	resp->static_body = f->data;
	resp->static_len = f->len;
	/* the assets change only with the binary; an hour keeps pages quick
	 * and an upgrade visible soon */
	web_resp_header(resp, "Cache-Control", "public, max-age=3600");
	return 0;
}
