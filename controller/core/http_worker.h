// http_worker.h: one HTTP request at a time on a worker thread (libcurl
// easy interface), so the controller's loop never waits on the network. The
// loop starts a request, and later takes the response when it is done
// (take() never blocks). Used by the queue link and upstream reporting.
// Threading: start()/take()/busy() from the owner's thread only; the worker
// thread touches nothing but the request it was handed and the result slot,
// both guarded by a mutex. The destructor stops and joins the worker (bounded
// by the request timeout).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace controller {

struct HttpRequest {
  std::string method = "GET";  // GET or POST
  std::string url;
  std::string body;            // POST body (JSON)
  std::chrono::milliseconds timeout{3000};
  size_t max_response_bytes = 16 << 20;
};

struct HttpResponse {
  long status = 0;     // HTTP status; 0 when the request failed
  std::string body;
  std::string error;   // transport failure, for people ("connection refused")
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
  std::string describe() const;  // "HTTP 503" or the transport error
};

class HttpWorker {
 public:
  HttpWorker();
  ~HttpWorker();
  HttpWorker(const HttpWorker&) = delete;
  HttpWorker& operator=(const HttpWorker&) = delete;

  // Starts a request; false if one is still running.
  bool start(HttpRequest request);
  // The response of the last request once it is done.
  std::optional<HttpResponse> take();
  bool busy() const;

 private:
  void loop();
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::optional<HttpRequest> request_;
  std::optional<HttpResponse> response_;
  bool running_ = false;  // a request is queued or in flight
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace controller
