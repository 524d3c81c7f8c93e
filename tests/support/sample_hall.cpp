#include "sample_hall.h"

#include <fstream>
#include <iterator>

#include <stb_image_write.h>

#include <cmath>

#include "common/chp/chp_server.h"
#include "common/wire/codec.h"
#include "common/wire/frames.h"

namespace testing {

using nlohmann::json;

namespace {
void to_string_cb(void* ctx, void* data, int size) {
  static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<size_t>(size));
}

struct Person {
  const char* id;
  const char* name;
  const char* post;
  bool member;
  const char* zone;
  int window;
  const char* dept;
};

const Person kStaff[] = {
    {"wangfang", "王芳", "综合受理岗", true, "党员先锋岗", 1, "zwfw"},
    {"lijun", "李军", "综合受理岗", false, "", 1, "zwfw"},
    {"zhangmin", "张敏", "社保经办岗", true, "党员责任区", 2, "shebao"},
    {"liuyang", "刘洋", "医保经办岗", false, "", 2, "yibao"},
    {"chenjing", "陈静", "不动产登记岗", true, "党员先锋岗", 3, "budongchan"},
    {"yangguang", "杨光", "不动产登记岗", false, "", 3, "budongchan"},
    {"zhaolei", "赵磊", "企业开办岗", true, "党员示范岗", 4, "shichang"},
    {"huangli", "黄丽", "企业开办岗", false, "", 4, "shichang"},
    {"zhoutao", "周涛", "公积金经办岗", true, "党员责任区", 5, "gongjijin"},
    {"wuxia", "吴霞", "公积金经办岗", false, "", 5, "gongjijin"},
    {"xuqiang", "徐强", "户籍办理岗", true, "党员先锋岗", 6, "gongan"},
    {"sunli", "孙莉", "出入境办理岗", false, "", 6, "gongan"},
    {"mahui", "马慧", "税务综合岗", true, "党员示范岗", 7, "shuiwu"},
    {"zhuhong", "朱红", "税务综合岗", false, "", 7, "shuiwu"},
    {"hulin", "胡琳", "帮办代办岗", true, "党员责任区", 8, "zwfw"},
    {"guoyong", "郭勇", "帮办代办岗", false, "", 8, "zwfw"},
    {"heping", "何平", "咨询导服岗", true, "党员先锋岗", 0, "zwfw"},
    {"gaofei", "高飞", "咨询导服岗", false, "", 0, "zwfw"},
    {"linna", "林娜", "投诉受理岗", true, "党员责任区", 0, "zwfw"},
    {"luobin", "罗斌", "值班长", true, "党员示范岗", 0, "zwfw"},
};

struct Std {
  const char* id;
  const char* name;
  const char* dept;
  std::vector<std::string> steps;
  std::vector<std::string> materials;
  const char* limit;
  const char* fee;
  const char* basis;
};

const std::vector<Std>& standards() {
  static const std::vector<Std> s = {
      {"shebao-card", "社会保障卡申领", "shebao", {"提交申请", "信息核验", "采集照片", "制卡", "领取社保卡"},
       {"居民身份证原件", "近期免冠照片（可现场采集）", "代办人身份证（代办时）"}, "即时办结", "不收费",
       "《社会保险法》第五十八条；《社会保障卡管理办法》"},
      {"yibao-reimburse", "医疗费用零星报销", "yibao", {"窗口受理", "材料审核", "费用核定", "审批", "资金拨付"},
       {"医疗费用原始票据", "费用明细清单", "出院小结或门诊病历", "本人社会保障卡", "银行账户信息"}, "10个工作日", "不收费",
       "《社会保险法》第二十九条"},
      {"house-transfer", "二手房转移登记", "budongchan", {"预约取号", "联合受理", "缴纳税费", "登簿", "领取不动产权证书"},
       {"买卖双方身份证明", "不动产权证书", "不动产买卖合同", "完税凭证", "婚姻状况证明"}, "3个工作日", "按规定收取登记费",
       "《不动产登记暂行条例》第十四条、第二十条"},
      {"company-setup", "企业开办一件事", "shichang", {"网上申报", "名称自主申报", "营业执照核发", "公章刻制", "涉税事项办理", "社保登记"},
       {"公司登记（备案）申请书", "公司章程", "股东主体资格证明", "法定代表人身份证件", "住所使用证明"}, "1个工作日", "不收费",
       "《市场主体登记管理条例》第十七条"},
      {"gjj-withdraw", "住房公积金提取", "gongjijin", {"提交申请", "审核", "审批", "资金到账"},
       {"本人身份证", "购房合同或租房证明", "本人银行卡"}, "3个工作日", "不收费", "《住房公积金管理条例》第二十四条"},
      {"hukou-move", "户口迁移", "gongan", {"申请受理", "审核", "签发准迁证", "办理落户"},
       {"居民户口簿", "居民身份证", "准迁证明（跨省迁移）", "房屋产权证明或亲属关系证明"}, "5个工作日", "不收费",
       "《中华人民共和国户口登记条例》第十条"},
      {"passport", "普通护照申领", "gongan", {"取号", "填表与采集指纹", "受理审核", "制证", "领取或邮寄"},
       {"居民身份证", "近期彩色照片（可现场拍摄）"}, "7个工作日", "120元/本", "《中华人民共和国护照法》第五条"},
      {"tax-invoice", "增值税发票申领", "shuiwu", {"身份验证", "提交申请", "审核", "发放发票"},
       {"经办人身份证件", "税务登记信息", "发票专用章印模"}, "即时办结", "不收费", "《中华人民共和国发票管理办法》第十五条"},
      {"retire", "职工退休待遇核定", "shebao", {"单位申报", "资料审核", "待遇核定", "公示", "发放待遇"},
       {"居民身份证", "职工档案", "退休申请表"}, "15个工作日", "不收费", "《社会保险法》第十六条"},
      {"birth-allowance", "生育津贴申领", "yibao", {"提交申请", "审核", "核定", "发放"},
       {"出生医学证明", "社会保障卡", "结婚证"}, "7个工作日", "不收费", "《社会保险法》第五十六条"},
      {"mortgage-reg", "抵押权登记", "budongchan", {"申请", "受理", "审核", "登簿", "发证"},
       {"不动产权证书", "抵押合同", "主债权合同", "双方身份证明"}, "1个工作日", "80元/件", "《不动产登记暂行条例》"},
      {"residence-permit", "居住证办理", "gongan", {"登记", "审核", "制证", "领取"},
       {"居民身份证", "居住登记证明", "近期照片"}, "10个工作日", "不收费", "《居住证暂行条例》第九条"},
      {"company-change", "企业变更登记", "shichang", {"申请", "受理", "审核", "核发执照"},
       {"变更登记申请书", "股东会决议", "章程修正案"}, "1个工作日", "不收费", "《市场主体登记管理条例》第二十四条"},
      {"unemployment", "失业保险金申领", "shebao", {"失业登记", "提交申请", "审核", "发放"},
       {"居民身份证", "解除劳动合同证明", "银行卡"}, "5个工作日", "不收费", "《失业保险条例》第十四条"},
      {"help-desk", "帮办代办服务", "zwfw", {"提出需求", "帮办员对接", "全程代办", "结果反馈"},
       {"居民身份证", "事项所需材料"}, "按事项时限", "不收费", "《国务院关于加快推进政务服务标准化规范化便利化的指导意见》"},
  };
  return s;
}
}  // namespace

std::string portrait_png(int w, int h, int hue) {
  std::vector<unsigned char> px(static_cast<size_t>(w) * h * 3);
  const float hr = static_cast<float>(hue % 360) / 360.0f;
  auto mix = [](float a, float b, float t) { return static_cast<unsigned char>(a + (b - a) * t); };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      unsigned char* p = &px[(static_cast<size_t>(y) * w + x) * 3];
      const float t = static_cast<float>(y) / h;
      p[0] = mix(90 + 120 * hr, 200, t * 0.5f);
      p[1] = mix(120, 170 + 60 * (1 - hr), t * 0.5f);
      p[2] = mix(200 - 100 * hr, 230, t * 0.5f);
      const float hx = x - w * 0.5f, hy = y - h * 0.38f, head = w * 0.22f;
      const float sx = x - w * 0.5f, sy = y - h * 1.02f, shoulders = w * 0.48f;
      if (hx * hx + hy * hy < head * head) { p[0] = 246; p[1] = 220; p[2] = 196; }
      else if (sx * sx + sy * sy * 0.9f < shoulders * shoulders) { p[0] = 40; p[1] = 52; p[2] = 78; }
    }
  std::string out;
  stbi_write_png_to_func(to_string_cb, &out, w, h, 3, px.data(), w * 3);
  return out;
}

// A file of the repository, e.g. the hall logo in assets/.
std::string asset_bytes(const std::string& path) {
  std::ifstream f(std::string(HALL_SOURCE_DIR) + "/" + path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

std::string media_id(const std::string& bytes) {
  uint64_t h1 = 0xcbf29ce484222325ull, h2 = 0x84222325cbf29ce4ull;
  for (unsigned char c : bytes) {
    h1 = (h1 ^ c) * 0x100000001b3ull;
    h2 = (h2 ^ c) * 0x100000001b3ull + 7;
  }
  char buf[65];
  std::snprintf(buf, sizeof buf, "%016llx%016llx%016llx%016llx", static_cast<unsigned long long>(h1),
                static_cast<unsigned long long>(h2), static_cast<unsigned long long>(h1 ^ h2),
                static_cast<unsigned long long>(h1 + h2));
  return buf;
}

std::map<std::string, std::string> sample_hall_map(const SampleOptions& o) {
  std::map<std::string, std::string> m;
  auto put = [&](const std::string& key, const json& j) { m[key] = j.dump(); };
  std::string logo;
  if (o.photos) {
    const std::string png = asset_bytes("assets/logo.png");
    logo = media_id(png);
    m["/media/" + logo] = png;
  }
  put("/hall/info",
      {{"name", "朝阳区政务服务中心"}, {"name_en", "Chaoyang District Government Service Center"}, {"logo", logo}});
  put("/hall/clock", {{"iso", "2026-11-27T09:30:00+08:00"}, {"epoch_ms", 1795743000000}, {"utc_offset_min", 480},
                     {"timezone", "Asia/Shanghai"}});
  const std::pair<const char*, const char*> depts[] = {
      {"zwfw", "政务服务管理办公室"}, {"shebao", "人力资源和社会保障局"}, {"yibao", "医疗保障局"},
      {"budongchan", "不动产登记中心"},  {"shichang", "市场监督管理局"},     {"gongjijin", "住房公积金管理中心"},
      {"gongan", "公安分局"},            {"shuiwu", "税务局"}};
  for (auto [id, name] : depts) put(std::string("/content/departments/") + id, {{"id", id}, {"name", name}, {"name_en", ""}});
  const char* window_names[] = {"综合受理窗口", "社保医保综合窗口", "不动产登记窗口", "企业开办专窗",
                                "公积金服务窗口", "公安综合窗口",     "税务综合窗口",   "帮办代办窗口"};
  const char* window_depts[] = {"zwfw", "shebao", "budongchan", "shichang", "gongjijin", "gongan", "shuiwu", "zwfw"};
  for (int i = 0; i < 8; ++i)
    put("/content/windows/" + std::to_string(i + 1),
        {{"number", i + 1}, {"name", window_names[i]}, {"name_en", ""}, {"department", window_depts[i]},
         {"items", json::array()}});
  int hue = 0, badge = 230;
  for (const auto& p : kStaff) {
    std::string photo;
    if (o.photos) {
      const std::string png = portrait_png(156, 200, hue += 37);
      photo = media_id(png);
      m["/media/" + photo] = png;
    }
    put(std::string("/content/staff/") + p.id,
        {{"id", p.id}, {"name", p.name}, {"photo", photo}, {"post", p.post}, {"member", p.member},
         {"badge", "0" + std::to_string(++badge)}, {"zone", p.zone}, {"window", p.window}, {"department", p.dept}});
  }
  for (const auto& s : standards())
    put(std::string("/content/standards/") + s.id,
        {{"id", s.id}, {"name", s.name}, {"department", s.dept}, {"steps", s.steps}, {"materials", s.materials},
         {"time_limit", s.limit}, {"fee", s.fee}, {"legal_basis", s.basis}, {"phone", "010-65090000"}});
  put("/content/pledges/unit", {{"id", "unit"}, {"scope", "unit"}, {"staff", ""}, {"title", "我们的服务承诺"},
                                {"text", "亮标准、亮身份、亮承诺。一次告知，一窗受理，限时办结；首问负责，帮办代办，"
                                         "绝不让群众多跑一次。我们欢迎群众评议、党员互评、领导点评，接受社会监督。"}});
  const std::pair<const char*, const char*> personal[] = {
      {"wangfang", "微笑服务，耐心解答，让每一位群众满意而归。"},
      {"zhangmin", "业务精通，一次讲清，不让群众多跑一趟。"},
      {"chenjing", "热情接待，规范办理，限时办结不拖延。"},
      {"zhaolei", "企业开办全程帮办，当好企业的“店小二”。"},
      {"zhoutao", "清正廉洁，公开透明，办事让群众放心。"},
      {"xuqiang", "急群众之所急，想群众之所想，主动延时服务。"},
      {"mahui", "精准辅导，耐心细致，让纳税人少跑腿。"},
      {"hulin", "老人优先，全程陪同，帮办代办暖人心。"}};
  for (auto [staff, text] : personal)
    put(std::string("/content/pledges/p-") + staff,
        {{"id", std::string("p-") + staff}, {"scope", "personal"}, {"staff", staff}, {"title", "个人承诺"}, {"text", text}});
  if (o.tickers) {
    put("/notices/ticker/t1", {{"id", "t1"}, {"text", "本中心工作时间：周一至周五 上午8:30—12:00，下午13:30—17:30"}, {"until", ""}});
    put("/notices/ticker/t2", {{"id", "t2"}, {"text", "请您为本次服务评价：非常满意、满意、基本满意、不满意、非常不满意"}, {"until", ""}});
    put("/notices/ticker/t3", {{"id", "t3"}, {"text", "企业开办“一件事”1个工作日办结，欢迎咨询帮办代办窗口"}, {"until", ""}});
  }
  if (o.urgent)
    put("/notices/urgent", {{"text", "因系统升级，今日15:00至16:00暂停不动产登记业务，请您合理安排时间，给您带来不便敬请谅解。"},
                            {"since", "2026-11-27T09:20:00+08:00"}});
  put("/groups/" + o.group + "/playlist",
      {{"boards", {{{"board", "standards"}, {"seconds", 30}}, {{"board", "identity"}, {"seconds", 20}},
                   {{"board", "pledges"}, {"seconds", 15}}, {{"board", "rankings"}, {"seconds", 15}},
                   {{"board", "queue"}, {"seconds", 20}}}},
       {"hours", {{"open", "08:30"}, {"close", "17:30"}, {"days", {1, 2, 3, 4, 5}}}},
       {"outside", "pledges"}});
  json calls = json::array();
  const std::pair<const char*, int> call_list[] = {{"A023", 3}, {"B105", 2}, {"A022", 1}, {"C031", 4},
                                                   {"A021", 5}, {"D007", 6}, {"B104", 7}};
  for (auto [ticket, window] : call_list)
    calls.push_back({{"ticket", ticket}, {"window", window}, {"window_name", window_names[window - 1]},
                     {"at", "2026-11-27T09:29:00+08:00"}});
  put("/queue/calls", {{"calls", calls}});
  if (o.rankings) {
    json windows = json::array(), staff = json::array();
    const int stars[] = {5, 5, 4, 4, 4, 3, 3, 2};
    // Windows 2 and 3 on the list tie: both are ranked 2, the next is 4 (as hallctl shows).
    const double window_scores[] = {99.2, 97.5, 97.5, 94.1, 92.4, 90.7, 89.0, 87.3};
    const int window_ranks[] = {1, 2, 2, 4, 5, 6, 7, 8};
    for (int i = 0; i < 8; ++i)
      windows.push_back({{"number", (i * 3) % 8 + 1}, {"name", window_names[(i * 3) % 8]}, {"stars", stars[i]},
                         {"score", window_scores[i]}, {"rank", window_ranks[i]}});
    for (int i = 0; i < 8; ++i)
      staff.push_back({{"name", kStaff[i * 2].name}, {"detail", kStaff[i * 2].post}, {"stars", stars[i]},
                       {"score", 98.6 - i * 1.3}, {"rank", i + 1}});
    put("/rankings/stars", {{"period", "2026年10月"}, {"windows", windows}, {"staff", staff}});
  }
  return m;
}

FakeController::FakeController(int chp_port, int device_port, uint64_t first_sequence) {
  thread_ = std::thread([this, chp_port, device_port, first_sequence] { run(chp_port, device_port, first_sequence); });
  for (int i = 0; i < 500 && !started_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

FakeController::~FakeController() {
  stop_ = true;
  thread_.join();
}

void FakeController::set(const std::string& key, const std::string& value) {
  std::lock_guard<std::mutex> lock(mu_);
  queue_.emplace_back(key, value);
}

void FakeController::set_all(const std::map<std::string, std::string>& map) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& kv : map) queue_.push_back(kv);
}

std::map<std::string, json> FakeController::statuses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return statuses_;
}

void FakeController::run(int chp_port, int device_port, uint64_t first_sequence) {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  auto server = hall::ChpServer::start(sockets, {"127.0.0.1", chp_port}, first_sequence);
  auto device = sockets.bind(zmq::socket_type::router, {"127.0.0.1", device_port});
  if (!server || !device) {
    std::fprintf(stderr, "FakeController: cannot bind: %s %s\n", server ? "" : server.error().c_str(),
                 device ? "" : device.error().c_str());
    started_ = true;
    return;
  }
  auto& srv = **server;
  srv.set("/hall/epoch", json{{"id", srv.epoch()}, {"started", "2026-11-27T09:00:00+08:00"}}.dump());
  started_ = true;
  while (!stop_) {
    zmq::pollitem_t items[] = {{srv.snapshot_socket().handle(), 0, ZMQ_POLLIN, 0},
                               {device->handle(), 0, ZMQ_POLLIN, 0}};
    zmq::poll(items, 2, std::chrono::milliseconds(5));
    srv.serve_snapshots();
    while (auto frames = hall::recv_frames(*device, 3)) {
      if (frames->size() != 2) continue;
      auto msg = hall::decode_message((*frames)[1]);
      if (!msg) continue;
      if (msg->type == "screen.status") {
        std::lock_guard<std::mutex> lock(mu_);
        statuses_[msg->body.value("device_id", std::string())] = msg->body;
        hall::send_frames(*device, {(*frames)[0], hall::encode_reply(*msg, "ok", json::object())});
      } else {
        hall::send_frames(*device, {(*frames)[0], hall::encode_reply(*msg, "welcome", {{"hall", "测试"}, {"server_time", ""}})});
      }
    }
    std::vector<std::pair<std::string, std::string>> work;
    {
      std::lock_guard<std::mutex> lock(mu_);
      work.swap(queue_);
    }
    for (auto& [k, v] : work) srv.set(k, v);
    sequence_ = srv.sequence();
    srv.heartbeat(std::chrono::steady_clock::now());
  }
}

}  // namespace testing
