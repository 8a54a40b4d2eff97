window.YTD.screen_name_change.part0 = [
  {
    "screenNameChange" : {
      "accountId" : "9007199254740993",
      "screenNameChange" : {
        "changedAt" : "2024-02-01T12:00:00.000Z",
        "changedFrom" : "ben_before",
        "changedTo" : "ben_now"
      }
    }
  }
]
