#include "controller/core/http_worker.h"

#include <curl/curl.h>

namespace controller {

namespace {
struct Sink {
  std::string* body;
  size_t limit;
  bool overflow = false;
};

size_t on_data(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t bytes = size * n;
  if (sink->body->size() + bytes > sink->limit) {
    sink->overflow = true;
    return 0;  // aborts the transfer
  }
  sink->body->append(data, bytes);
  return bytes;
}

HttpResponse perform(const HttpRequest& r) {
  HttpResponse out;
  CURL* curl = curl_easy_init();
  if (!curl) {
    out.error = "cannot create an HTTP handle (libcurl)";
    return out;
  }
  Sink sink{&out.body, r.max_response_bytes};
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  curl_easy_setopt(curl, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  if (r.method == "POST") {
    headers = curl_slist_append(headers, "Content-Type: application/json; charset=utf-8");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
  }
  const CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    out.error = sink.overflow ? "response larger than " + std::to_string(r.max_response_bytes) + " bytes"
                              : std::string(errbuf[0] ? errbuf : curl_easy_strerror(rc));
  } else {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return out;
}
}  // namespace

std::string HttpResponse::describe() const {
  return error.empty() ? "HTTP " + std::to_string(status) : error;
}

HttpWorker::HttpWorker() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  thread_ = std::thread([this] { loop(); });
}

HttpWorker::~HttpWorker() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

bool HttpWorker::start(HttpRequest request) {
  {
    std::lock_guard lock(mu_);
    if (running_) return false;
    running_ = true;
    response_.reset();
    request_ = std::move(request);
  }
  cv_.notify_all();
  return true;
}

std::optional<HttpResponse> HttpWorker::take() {
  std::lock_guard lock(mu_);
  if (running_ || !response_) return std::nullopt;
  auto r = std::move(response_);
  response_.reset();
  return r;
}

bool HttpWorker::busy() const {
  std::lock_guard lock(mu_);
  return running_ || response_.has_value();
}

void HttpWorker::loop() {
  for (;;) {
    HttpRequest request;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stop_ || request_.has_value(); });
      if (stop_) return;
      request = std::move(*request_);
      request_.reset();
    }
    HttpResponse response = perform(request);
    std::lock_guard lock(mu_);
    response_ = std::move(response);
    running_ = false;
  }
}

}  // namespace controller
