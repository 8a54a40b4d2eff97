window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "8000000001-9007199254740993",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "8000000001",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "answer me",
            "mediaUrls" : [ "https://ton.twitter.com/dm/1770000000000000002/1770000000000000002/Qq.jpg" ],
            "senderId" : "9007199254740993",
            "id" : "1770000000000000002",
            "createdAt" : "2024-03-03T21:00:00.000Z"
          }
        },
        {
          "participantsLeave" : {
            "userIds" : [ "8000000001" ],
            "createdAt" : "2024-03-03T20:59:00.000Z"
          }
        },
        [ "unexpected" ]
      ]
    }
  }
]
